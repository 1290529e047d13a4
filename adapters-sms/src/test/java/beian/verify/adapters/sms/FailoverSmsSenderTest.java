package beian.verify.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.adapters.sms.conformance.FakeCarrierServer;
import beian.verify.adapters.sms.conformance.FakeCarrierServer.Family;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.People;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.management.health.indicator.HealthResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Two fake carriers, the first failing: the message goes to the second, and each one's health says so. */
class FailoverSmsSenderTest {
    FakeTencentSmsServer tencent;
    FakeAliyunSmsServer aliyun;
    TencentSmsSender tencentSender;
    AliyunSmsSender aliyunSender;

    @BeforeEach
    void start() throws IOException {
        tencent = new FakeTencentSmsServer(TencentCarrierConformanceTest.SECRET_ID, TencentCarrierConformanceTest.SECRET_KEY);
        aliyun = new FakeAliyunSmsServer(AliyunCarrierConformanceTest.ACCESS_KEY_ID, AliyunCarrierConformanceTest.ACCESS_KEY_SECRET);
        tencentSender = new TencentSmsSender(TencentCarrierConformanceTest.properties(tencent.url(),
                TencentCarrierConformanceTest.SECRET_KEY), JsonMapper.createDefault(), Clock.systemUTC());
        aliyunSender = new AliyunSmsSender(AliyunCarrierConformanceTest.properties(aliyun.url(),
                AliyunCarrierConformanceTest.ACCESS_KEY_SECRET), JsonMapper.createDefault(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        tencentSender.close();
        aliyunSender.close();
        tencent.close();
        aliyun.close();
    }

    FailoverSmsSender failover(int attemptsPerCarrier) {
        return new FailoverSmsSender(List.of(new FailoverSmsSender.Carrier("tencent", tencentSender),
                new FailoverSmsSender.Carrier("aliyun", aliyunSender)), attemptsPerCarrier, 100);
    }

    @Test
    void aMessageFailingTransientlyOnTheFirstCarrierGoesToTheNextAfterTheConfiguredAttempts() {
        FailoverSmsSender failover = failover(2);
        CoreFixture world = new CoreFixture(MutableClock.shanghai(2026, 11, 28, 10, 0), ProvinceCatalog.defaults(),
                VerificationPolicy.defaults(), VerificationSettings.defaults(), failover);
        tencent.then(Family.SERVER_ERROR).then(Family.THROTTLED);

        world.submitNewWebsite("r1", "a.cn", People.person("李四", "13900000002", People.residentId(2)));
        OutboundSms afterFirst = world.outbox.all().get(0);
        world.clock.advance(Duration.ofHours(2));
        world.dispatch();
        world.clock.advance(Duration.ofHours(2));
        world.dispatch();

        OutboundSms sms = world.outbox.all().get(0);
        assertThat(afterFirst.status()).isEqualTo(OutboundSms.OutboxStatus.QUEUED);
        assertThat(tencent.received()).hasSize(2).allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo(sms.id()));
        assertThat(aliyun.received()).hasSize(1).allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo(sms.id()));
        assertThat(aliyun.received().get(0).signatureProblem()).isNull();
        assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(sms.attempts()).isEqualTo(3);
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
        assertThat(failover.health().get("tencent").successRate()).isZero();
        assertThat(failover.health().get("aliyun").successRate()).isEqualTo(1.0);
    }

    @Test
    void afterTheLastCarrierTheNextAttemptGoesBackToTheFirst() {
        FailoverSmsSender failover = failover(1);
        tencent.then(Family.TIMEOUT);
        aliyun.then(Family.THROTTLED);

        SmsSender.SendResult first = failover.send(SmsCarrierMessages.message(), "k1");
        SmsSender.SendResult second = failover.send(SmsCarrierMessages.message(), "k1");
        SmsSender.SendResult third = failover.send(SmsCarrierMessages.message(), "k1");

        assertThat(first).isInstanceOf(SmsSender.SendResult.TransientFailure.class);
        assertThat(second).isInstanceOf(SmsSender.SendResult.TransientFailure.class);
        assertThat(third).isInstanceOf(SmsSender.SendResult.Accepted.class);
        assertThat(tencent.received()).hasSize(2);
        assertThat(aliyun.received()).hasSize(1);
    }

    @Test
    void aPermanentRefusalIsTheCoresToRecordAndTheNextMessageStartsAtTheFirstCarrier() {
        FailoverSmsSender failover = failover(1);
        tencent.then(Family.BAD_NUMBER);

        assertThat(failover.send(SmsCarrierMessages.message(), "k1")).isInstanceOf(SmsSender.SendResult.PermanentFailure.class);
        assertThat(failover.send(SmsCarrierMessages.message(), "k2")).isInstanceOf(SmsSender.SendResult.Accepted.class);

        assertThat(tencent.received()).hasSize(2);
        assertThat(aliyun.received()).isEmpty();
    }

    @Test
    void configuredWithTwoCarriersTheSenderFailsOverAndItsHealthIsAGaugeAndInHealth() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("beian.sms.carriers", List.of("tencent", "aliyun"));
        properties.put("beian.sms.tencent.secret-id", TencentCarrierConformanceTest.SECRET_ID);
        properties.put("beian.sms.tencent.secret-key", TencentCarrierConformanceTest.SECRET_KEY);
        properties.put("beian.sms.tencent.sdk-app-id", "1400006666");
        properties.put("beian.sms.tencent.sign-name", "ICP备案");
        properties.put("beian.sms.tencent.template-id", "1110");
        properties.put("beian.sms.tencent.endpoint", tencent.url());
        properties.put("beian.sms.aliyun.access-key-id", AliyunCarrierConformanceTest.ACCESS_KEY_ID);
        properties.put("beian.sms.aliyun.access-key-secret", AliyunCarrierConformanceTest.ACCESS_KEY_SECRET);
        properties.put("beian.sms.aliyun.sign-name", "ICP备案");
        properties.put("beian.sms.aliyun.template-code", "SMS_154950909");
        properties.put("beian.sms.aliyun.endpoint", aliyun.url());
        properties.put("beian.sms.failover.attempts-per-carrier", 1);
        tencent.then(Family.THROTTLED);
        try (ApplicationContext ctx = ApplicationContext.run(properties)) {
            SmsSender sender = ctx.getBean(SmsSender.class);
            assertThat(sender).isInstanceOf(FailoverSmsSender.class);

            sender.send(SmsCarrierMessages.message(), "k1");
            sender.send(SmsCarrierMessages.message(), "k1");

            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            assertThat(registry.get("beian.sms.carrier.success-rate").tag("carrier", "tencent").gauge().value()).isZero();
            assertThat(registry.get("beian.sms.carrier.success-rate").tag("carrier", "aliyun").gauge().value()).isEqualTo(1.0);
            HealthResult health = Mono.from(ctx.getBean(CarrierHealthIndicator.class).getResult()).block();
            assertThat(health.getName()).isEqualTo("sms-carriers");
            assertThat(health.getDetails().toString()).contains("tencent").contains("aliyun");
        }
    }

    @Test
    void aCarrierListNamingAnUnknownCarrierStopsTheServiceNamingIt() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("beian.sms.carriers", List.of("tencent", "twilio"),
                "beian.sms.tencent.secret-id", "AKIDx", "beian.sms.tencent.secret-key", "k",
                "beian.sms.tencent.sdk-app-id", "1400006666", "beian.sms.tencent.sign-name", "ICP备案",
                "beian.sms.tencent.template-id", "1110"))) {
            assertThatThrownBy(() -> ctx.getBean(SmsSender.class)).hasStackTraceContaining("'twilio' is not a carrier");
        }
    }
}
