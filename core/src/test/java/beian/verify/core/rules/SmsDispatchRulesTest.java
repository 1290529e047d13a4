package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import beian.verify.core.domain.EventType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.port.out.SmsSender.SendResult;
import beian.verify.core.testing.CoreFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "SMS": queued with the submission, at least once with an idempotency key, retried, visible when it fails. */
class SmsDispatchRulesTest {
    static final PersonInput BOB = person("李四", "13900000002", residentId(2));

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    @Test
    void theFirstSmsIsQueuedInTheSubmissionsTransactionAndTheDispatcherIsToldAtOnce() {
        world.submission.submit(world.command("r1", beian.verify.core.domain.FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("a.cn", BOB))));

        assertThat(world.outbox.all()).singleElement().satisfies(sms -> {
            assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.QUEUED);
            assertThat(sms.trigger()).isEqualTo(SmsTrigger.INITIAL);
        });
        assertThat(world.dispatchSignals.get()).isEqualTo(1);
        assertThat(world.carrier.calls()).isEmpty();
    }

    @Test
    void aFailingSubmissionQueuesNothing() {
        world.submission.submit(world.command("r1", beian.verify.core.domain.FilingType.TRANSFER_IN, "TJ", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("nowhere.cn", BOB))));

        assertThat(world.outbox.all()).isEmpty();
        assertThat(world.dispatchSignals.get()).isZero();
    }

    @Test
    void theCarrierGetsTheSameIdempotencyKeyOnEveryAttemptOfOneMessage() {
        SmsSender carrier = mock(SmsSender.class);
        when(carrier.send(any(), anyString()))
                .thenReturn(new SendResult.TransientFailure("LimitExceeded.PhoneNumberDailyLimit"))
                .thenReturn(new SendResult.Accepted("ref-1"));
        CoreFixture mocked = withCarrier(carrier);
        mocked.submission.submit(mocked.command("r1", beian.verify.core.domain.FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("a.cn", BOB))));
        String key = mocked.outbox.all().get(0).id();

        mocked.dispatch();
        mocked.clock.advance(Duration.ofMinutes(10));
        mocked.dispatch();

        verify(carrier, times(2)).send(argThat(m -> m.phone().equals(new PhoneNumber("13900000002"))), eq(key));
    }

    @Test
    void aTransientCarrierFailureIsRetriedWithBackoffThenSentAndTheEventsTellTheStory() {
        world.carrier.then(new SendResult.TransientFailure("network"), new SendResult.TransientFailure("network"));
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);
        OutboundSms afterFirst = world.outbox.all().get(0);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        Duration firstDelay = Duration.between(world.clock.now(), afterFirst.nextAttemptAt());
        assertThat(firstDelay).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

        world.dispatch();
        assertThat(world.carrier.calls()).hasSize(1);

        world.clock.set(afterFirst.nextAttemptAt());
        world.dispatch();
        OutboundSms afterSecond = world.outbox.all().get(0);
        assertThat(Duration.between(world.clock.now(), afterSecond.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));

        world.clock.set(afterSecond.nextAttemptAt());
        world.dispatch();

        assertThat(world.carrier.calls()).hasSize(3);
        assertThat(world.outbox.all().get(0).status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(world.outbox.all().get(0).code()).as("the code is not kept once sent").isNull();
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
        assertThat(world.view(a.applicationId()).targets().get(0).smsSentCount()).isEqualTo(1);
    }

    @Test
    void aPermanentCarrierFailureIsNotRetriedAndIsRecordedAsSmsFailed() {
        world.carrier.then(new SendResult.PermanentFailure("FailedOperation.PhoneNumberInBlacklist"));
        world.submitNewWebsite("r1", "a.cn", BOB);
        world.clock.advance(Duration.ofHours(1));
        world.dispatch();

        assertThat(world.carrier.calls()).hasSize(1);
        assertThat(world.outbox.all().get(0).status()).isEqualTo(OutboundSms.OutboxStatus.FAILED);
        assertThat(world.eventsOf(CoreFixture.PROVIDER).get(1).event()).satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.SMS_FAILED);
            assertThat(e.reason()).contains("Blacklist");
            assertThat(e.maskedPhone()).isEqualTo("139****0002");
        });
    }

    @Test
    void whenRetriesRunOutTheSmsIsRecordedAsFailed() {
        for (int i = 0; i < VerificationSettings.defaults().smsMaxAttempts(); i++) {
            world.carrier.then(new SendResult.TransientFailure("timeout"));
        }
        world.submitNewWebsite("r1", "a.cn", BOB);
        for (int i = 0; i < 20; i++) {
            world.clock.advance(Duration.ofMinutes(6));
            world.dispatch();
        }

        assertThat(world.carrier.calls()).hasSize(VerificationSettings.defaults().smsMaxAttempts());
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_FAILED);
        assertThat(world.eventsOf(CoreFixture.PROVIDER).get(1).event().reason()).startsWith("retries exhausted");
    }

    @Test
    void aMessageClaimedByADispatcherThatDiedIsSentAfterTheLease() {
        world.submission.submit(world.command("r1", beian.verify.core.domain.FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("a.cn", BOB))));
        world.tx.inTransaction(() -> world.outbox.claimDue(world.clock.now(),
                world.clock.now().plus(VerificationSettings.defaults().smsLease()), 10));

        world.dispatch();
        assertThat(world.carrier.calls()).isEmpty();
        world.clock.advance(VerificationSettings.defaults().smsLease());
        world.dispatch();

        assertThat(world.carrier.calls()).hasSize(1);
    }

    @Test
    void aDispatcherThatIsStoppingReleasesWhatItHasNotSentSoItIsDueAgainAtOnce() {
        world.submission.submit(world.command("r1", beian.verify.core.domain.FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("a.cn", BOB))));
        world.submission.submit(world.command("r2", beian.verify.core.domain.FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("b.cn", BOB))));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        world.dispatcher.dispatch(10, () -> asked.incrementAndGet() > 1); // stops after the first message

        assertThat(world.carrier.calls()).hasSize(1);
        assertThat(world.outbox.all()).filteredOn(sms -> sms.status() == OutboundSms.OutboxStatus.QUEUED)
                .singleElement().satisfies(sms -> assertThat(sms.leaseUntil()).isNull());
        world.dispatch(); // no lease to wait for
        assertThat(world.carrier.calls()).hasSize(2);
    }

    @Test
    void queuedSmsOfAWithdrawnApplicationIsNotSent() {
        var outcome = world.submission.submit(world.command("r1", beian.verify.core.domain.FilingType.NEW_WEBSITE, "TJ",
                null, List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("a.cn", BOB))));
        String id = ((beian.verify.core.port.in.Outcome.Ok<beian.verify.core.port.in.SubmitApplicationUseCase.Submission>) outcome)
                .value().application().applicationId();
        world.withdraw(CoreFixture.PROVIDER, id);

        world.dispatch();

        assertThat(world.carrier.calls()).isEmpty();
        assertThat(world.outbox.all().get(0).status()).isEqualTo(OutboundSms.OutboxStatus.CANCELLED);
    }

    @Test
    void deliveryReportsAreRecordedOnceAsEvents() {
        world.submitNewWebsite("r1", "a.cn", BOB);
        String reference = world.outbox.all().get(0).carrierReference();
        var report = new beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryReport(reference, false, "DELIVRD_FAIL", null);

        assertThat(world.deliveries.record(report)).isEqualTo(beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryResult.RECORDED);
        assertThat(world.deliveries.record(report)).isEqualTo(beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryResult.DUPLICATE);
        assertThat(world.deliveries.record(new beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryReport("nope", true, null, null)))
                .isEqualTo(beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryResult.UNKNOWN);
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT,
                EventType.SMS_UNDELIVERED);
    }

    @Test
    void aSubmissionSignalsTheDispatcher() {
        DispatchSignal signal = mock(DispatchSignal.class);
        world.submitService(signal).submit(world.command("r1",
                beian.verify.core.domain.FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("a.cn", BOB))));

        verify(signal).messagesQueued();
    }

    private CoreFixture withCarrier(SmsSender carrier) {
        return new CoreFixture(world.clock.now(), ProvinceCatalog.defaults(), VerificationPolicy.defaults(),
                VerificationSettings.defaults(), carrier);
    }
}
