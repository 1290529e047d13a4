package beian.verify.adapters.sms;

import beian.verify.adapters.sms.conformance.SmsCarrierContract.DeliveryReceiver;
import beian.verify.adapters.sms.conformance.SmsCarrierContract.Report;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A carrier's delivery-report callback on a real server on a random port, for the conformance kit: the
 * carrier's format is {@code report} (reference, delivered → its JSON object), its outcome field
 * {@code outcomeField} (left out of a malformed report).
 */
final class CallbackReceiver implements DeliveryReceiver {
    private final ApplicationContext context;
    private final HttpClient http;
    private final String path;
    private final String token;
    private final BiFunction<String, Boolean, Map<String, Object>> report;
    private final String outcomeField;

    CallbackReceiver(String carrier, String path, String token, RecordDeliveryUseCase deliveries,
                     BiFunction<String, Boolean, Map<String, Object>> report, String outcomeField) {
        this.context = ApplicationContext.builder().properties(Map.of("beian.sms.carrier", carrier,
                "beian.sms." + carrier + ".callback-token", token)).singletons(deliveries).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        this.http = HttpClient.create(server.getURL());
        this.path = path;
        this.token = token;
        this.report = report;
        this.outcomeField = outcomeField;
    }

    @Override
    public int post(List<Report> reports) {
        return send("?token=" + token, reports.stream().map(r -> report.apply(r.carrierReference(), r.delivered())).toList());
    }

    @Override
    public int postForged(List<Report> reports) {
        return send("?token=guessed", reports.stream().map(r -> report.apply(r.carrierReference(), true)).toList());
    }

    @Override
    public int postMalformed(String carrierReference) {
        Map<String, Object> noOutcome = new LinkedHashMap<>(report.apply(carrierReference, true));
        noOutcome.remove(outcomeField);
        return send("?token=" + token, List.of(noOutcome));
    }

    private int send(String query, Object body) {
        try {
            return http.toBlocking().exchange(HttpRequest.POST(path + query, body), Argument.mapOf(String.class, Object.class))
                    .code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    @Override
    public void close() {
        http.close();
        context.close();
    }
}
