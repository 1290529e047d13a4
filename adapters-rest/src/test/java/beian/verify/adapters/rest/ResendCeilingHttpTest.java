package beian.verify.adapters.rest;

import static beian.verify.adapters.rest.PlatformClient.assertProblem;
import static beian.verify.adapters.rest.PlatformClient.assertRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.PlatformClient.Person;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.testing.CoreFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/resends with the carriers' SMS ceilings per phone (DOMAIN.md "Manual resend", 2026-12-07): right
 * after the first SMS the answer is 429 RESEND_TOO_FREQUENT with the wait until the phone may receive its next
 * SMS (Retry-After, retryAfterSeconds, and the page's sentence saying when), never a 202 for an SMS held back;
 * once the phone may, 202, and the SMS leaves at the next dispatch. The rules are in core (ResendRulesTest).
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
@Property(name = "test.core.sms-ceilings", value = "carriers")
class ResendCeilingHttpTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;

    PlatformClient platform;

    @BeforeEach
    void client() {
        platform = new PlatformClient(new Http(server, json), core);
    }

    @Test
    void rightAfterTheFirstSmsAResendIs429WithTheSecondsUntilThePhoneMayReceiveItsNextThenA202ThatGoesOutAtOnce() {
        Person a = platform.person();
        platform.submit(a, platform.person()); // the first SMS goes now

        Http.Answer tooSoon = platform.resend(a.phone(), a.tail());

        assertProblem(tooSoon, 429, "RESEND_TOO_FREQUENT");
        assertRetryAfter(tooSoon, 60);
        assertThat(tooSoon.get("detail")).isEqualTo("短信发送过于频繁，请于 60 秒后再试");
        assertThat(core.outbox.all()).noneMatch(m -> m.phone().value().equals(a.phone())
                && m.trigger() == SmsTrigger.MANUAL_RESEND);

        core.clock.advance(Duration.ofSeconds(60));
        int before = core.carrier.callsTo(a.phone()).size();
        Http.Answer sent = platform.resend(a.phone(), a.tail());
        core.dispatch();

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.object()).containsEntry("message", "您的短信已发送成功");
        assertThat(core.carrier.callsTo(a.phone())).hasSize(before + 1);
        assertThat(core.outbox.all()).filteredOn(m -> m.trigger() == SmsTrigger.MANUAL_RESEND
                && m.phone().value().equals(a.phone())).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(OutboundSms.OutboxStatus.SENT));
    }

    @Test
    void aWaitOfAFractionOfASecondIsRoundedUpToWholeSeconds() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        core.clock.advance(Duration.ofMillis(59_400)); // 0.6 s left

        Http.Answer almost = platform.resend(a.phone(), a.tail());

        assertRetryAfter(almost, 1);
        assertThat(almost.get("detail")).isEqualTo("短信发送过于频繁，请于 1 秒后再试");
    }
}
