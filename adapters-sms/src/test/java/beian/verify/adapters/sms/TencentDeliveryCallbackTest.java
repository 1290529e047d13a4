package beian.verify.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beian.verify.core.domain.EventType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tencent's delivery-report callback over a real server on a random port, recording through the real core. */
class TencentDeliveryCallbackTest {
    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    ApplicationContext context;
    HttpClient http;

    BlockingHttpClient start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of("beian.sms.carrier", "tencent"));
        properties.putAll(extra);
        context = ApplicationContext.builder().properties(properties).singletons(world.deliveries).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        http = HttpClient.create(server.getURL());
        return http.toBlocking();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (context != null) {
            context.close();
        }
    }

    /** Submits one NEW_WEBSITE and sends its SMS; the carrier's reference of it. */
    String sentSms() {
        world.submitNewWebsite("r1", "a.cn", People.person("李四", "13900000002", People.residentId(2)));
        return world.outbox.all().get(0).carrierReference();
    }

    static Map<String, Object> report(String sid, String status) {
        return Map.of("user_receive_time", "2026-11-28 10:00:07", "nationcode", "86", "mobile", "13900000002",
                "report_status", status, "errmsg", "SUCCESS".equals(status) ? "DELIVRD" : "MK:0001",
                "description", "SUCCESS".equals(status) ? "用户短信送达成功" : "用户关机", "sid", sid);
    }

    HttpResponse<Map<String, Object>> post(BlockingHttpClient client, String uri, Object body) {
        return client.exchange(HttpRequest.POST(uri, body), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void aDeliveredReportIsRecordedOnTheTargetAndAsAnEventAndTencentGetsItsAnswer() {
        BlockingHttpClient client = start(Map.of());
        String sid = sentSms();

        HttpResponse<Map<String, Object>> response = post(client, "/callbacks/tencent/sms-status", List.of(report(sid, "SUCCESS")));

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).containsEntry("result", 0).containsEntry("errmsg", "OK");
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT,
                EventType.SMS_DELIVERED);
        RecordedEvent delivered = world.eventsOf(CoreFixture.PROVIDER).get(2);
        assertThat(delivered.event().occurredAt()).isEqualTo(Instant.parse("2026-11-28T02:00:07Z"));
        assertThat(world.outbox.all().get(0).delivery()).isEqualTo(OutboundSms.Delivery.DELIVERED);
    }

    @Test
    void aReportForAnUnknownSerialNumberIsAnsweredAndChangesNothing() {
        BlockingHttpClient client = start(Map.of());
        sentSms();

        HttpResponse<Map<String, Object>> response = post(client, "/callbacks/tencent/sms-status",
                List.of(report("no-such-sid", "SUCCESS")));

        assertThat(response.body()).containsEntry("result", 0);
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
    }

    @Test
    void aMalformedReportIsRefusedNamingTheFieldAndNothingOfTheCallbackIsRecorded() {
        BlockingHttpClient client = start(Map.of());
        String sid = sentSms();
        Map<String, Object> noStatus = new HashMap<>(report(sid, "SUCCESS"));
        noStatus.put("report_status", "MAYBE");

        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post(client, "/callbacks/tencent/sms-status", List.of(report(sid, "SUCCESS"), noStatus)));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow())
                .containsEntry("result", 1).containsEntry("errmsg", "[1].report_status: must be SUCCESS or FAIL");
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
    }

    @Test
    void aBodyThatIsNotAnArrayOfReportsIsABadRequest() {
        BlockingHttpClient client = start(Map.of());

        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post(client, "/callbacks/tencent/sms-status", Map.of("sid", "x")));

        assertThat(e.code()).isEqualTo(400);
    }

    @Test
    void withTheStubCarrierThereIsNoTencentCallback() {
        BlockingHttpClient client = start(Map.of("beian.sms.carrier", "stub"));

        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post(client, "/callbacks/tencent/sms-status", List.of(report("x", "SUCCESS"))));

        assertThat(e.code()).isEqualTo(404);
    }
}
