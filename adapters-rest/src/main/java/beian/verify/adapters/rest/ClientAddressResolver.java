package beian.verify.adapters.rest;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's address: the connection's, unless the connection comes from a configured trusted
 * proxy; then the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy.
 * Entries further left were written by the client and prove nothing.
 *
 * <p>The first request with {@code X-Forwarded-For} from a connection that is not a trusted proxy
 * is a WARN, once for the running service: it usually means a load balancer nobody listed, so
 * every client behind it shares one address (one rate limit, one miss count).
 */
@Singleton
final class ClientAddressResolver {
    /** Only address literals: {@link InetAddress#getByName} must never be handed a host name (no DNS lookups). */
    private static final Pattern IP_LITERAL = Pattern.compile(
            "[0-9]{1,3}(\\.[0-9]{1,3}){3}" // IPv4, dotted quad only
            + "|[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]{1,44}"); // IPv6: a colon makes the JDK parse it, never resolve it
    private static final int MAX_FORWARDED_ENTRIES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(ClientAddressResolver.class);

    private final List<Block> trusted;
    private final AtomicBoolean warnedOfUntrustedForwarding = new AtomicBoolean();

    ClientAddressResolver(RestProperties properties) {
        this.trusted = properties.getTrustedProxies().stream().map(Block::parse).toList();
    }

    String resolve(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress connection = remote.getAddress();
        if (connection == null) {
            return remote.getHostString().substring(0, Math.min(64, remote.getHostString().length()));
        }
        if (!isTrusted(connection)) {
            if (!warnedOfUntrustedForwarding.get() && request.getHeaders().contains("X-Forwarded-For")
                    && warnedOfUntrustedForwarding.compareAndSet(false, true)) {
                LOG.warn("A request came with X-Forwarded-For from {}, which is not a trusted proxy "
                        + "(beian.rest.trusted-proxies): the header is ignored, so every client behind that address "
                        + "shares its rate limits and miss counts. If it is your load balancer, list it there. "
                        + "(Said once.)", connection.getHostAddress());
            }
            return connection.getHostAddress();
        }
        List<String> headers = request.getHeaders().getAll("X-Forwarded-For");
        String[] hops = String.join(",", headers).split(",");
        for (int i = hops.length - 1, seen = 0; i >= 0 && seen < MAX_FORWARDED_ENTRIES; i--, seen++) {
            Optional<InetAddress> hop = literal(hops[i].strip());
            if (hop.isEmpty()) {
                break; // garbage in the chain: trust nothing to its left
            }
            if (!isTrusted(hop.get())) {
                return hop.get().getHostAddress();
            }
        }
        return connection.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(b -> b.contains(address));
    }

    static Optional<InetAddress> literal(String text) {
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!IP_LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address or CIDR block from configuration. */
    record Block(BigInteger network, int prefix, int bits) {
        static Block parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "beian.rest.trusted-proxies: '" + text + "' is not an IP address or CIDR block"));
            int bits = address.getAddress().length * 8;
            int prefix = parts.length == 2 && parts[1].matches("[0-9]{1,3}") ? Integer.parseInt(parts[1])
                    : parts.length == 2 ? -1 : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("beian.rest.trusted-proxies: bad prefix in '" + text + "'");
            }
            return new Block(new BigInteger(1, address.getAddress()).shiftRight(bits - prefix), prefix, bits);
        }

        boolean contains(InetAddress address) {
            byte[] raw = address.getAddress();
            return raw.length * 8 == bits && new BigInteger(1, raw).shiftRight(bits - prefix).equals(network);
        }
    }
}
