package beian.verify.adapters.rest;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code Accept-Encoding: *} ("any coding", as Stoplight Prism's proxy sends) is answered in gzip. Micronaut's
 * compressor takes {@code *} as leave to use the first coding it can make, in the order br, zstd, snappy,
 * gzip, deflate; without Brotli and zstd on the class path that is snappy's framing format, which almost no
 * HTTP client decodes (issue 19). So before the request reaches Micronaut, a {@code *} is read for what it
 * promises (any coding not named otherwise) and spelled as the one every client decodes: {@code gzip} with
 * the weight of {@code *}, unless gzip is named itself. {@code *;q=0} refuses what it does not name, so it is
 * dropped and adds nothing. Codings a client names (a browser's {@code gzip, deflate, br}) are left as they
 * are: of those this server makes only gzip and deflate. HTTP/1.1, the only version this server speaks.
 */
@Singleton
final class AnyCodingIsGzip implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final String HANDLER = "beian-any-coding-is-gzip";
    private static final ChannelHandler REWRITE = new Rewrite();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new OnConnection(null));
        return event.getBean();
    }

    /**
     * The header with {@code *} spelled as gzip; the header unchanged when it has no {@code *}; {@code null}
     * when nothing is left of it (the body goes as it is).
     */
    static String rewrite(String acceptEncoding) {
        List<String> kept = new ArrayList<>();
        String anyWeight = null;
        boolean gzipNamed = false;
        for (String token : acceptEncoding.split(",")) {
            String item = token.strip();
            if (item.isEmpty()) {
                continue;
            }
            int semicolon = item.indexOf(';');
            String coding = (semicolon < 0 ? item : item.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            if (coding.equals("*")) {
                anyWeight = semicolon < 0 ? "" : item.substring(semicolon);
                continue;
            }
            gzipNamed |= coding.equals("gzip") || coding.equals("x-gzip");
            kept.add(item);
        }
        if (anyWeight == null) {
            return acceptEncoding;
        }
        if (!gzipNamed && !refuses(anyWeight)) {
            kept.add("gzip" + anyWeight);
        }
        return kept.isEmpty() ? null : String.join(", ", kept);
    }

    /** Whether the parameters of a coding ({@code ;q=0}, {@code ;q=0.000}) give it no weight. */
    private static boolean refuses(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Float.parseFloat(p.substring(2).strip()) <= 0f;
                } catch (NumberFormatException e) {
                    return false; // as Micronaut's compressor reads a weight it cannot parse: not a refusal
                }
            }
        }
        return false;
    }

    /** Puts {@link Rewrite} in front of Micronaut's request handler on every HTTP/1.1 connection. */
    private record OnConnection(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new OnConnection(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null && pipeline.get(HANDLER) == null) {
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, HANDLER, REWRITE);
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class Rewrite extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.ACCEPT_ENCODING)) {
                String header = String.join(", ", request.headers().getAll(HttpHeaderNames.ACCEPT_ENCODING));
                String rewritten = rewrite(header);
                if (rewritten == null) {
                    request.headers().remove(HttpHeaderNames.ACCEPT_ENCODING);
                } else if (!rewritten.equals(header)) {
                    request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, rewritten);
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
