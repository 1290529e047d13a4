package beian.verify.core.service;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.testing.RefusingEventStore;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.CountingTransactions;
import beian.verify.core.testing.InMemorySentSmsLog;
import beian.verify.core.testing.RecordingSmsSender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher takes three transactions per claimed batch (claim, read, record), not three per message; and a
 * batch whose record fails is recorded message by message, so one bad message neither loses the others' outcomes
 * nor has them sent again.
 */
class DispatchBatchesTest {
    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    final CountingTransactions transactions = new CountingTransactions(world.tx);

    @Test
    void aBatchOfQueuedSmsIsClaimedReadAndRecordedInThreeTransactionsWhateverItsSize() {
        queue(20);

        WorkReport report = dispatcher(world.events).dispatch(100);

        assertThat(report).isEqualTo(new WorkReport(20, 0, List.of()));
        assertThat(transactions.get()).as("claim, read, record").isEqualTo(3);
        assertThat(world.carrier.calls()).hasSize(20);
        assertThat(world.outbox.all()).allSatisfy(sms -> assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.SENT));
        assertThat(world.eventTypes()).filteredOn(t -> t == EventType.SMS_SENT).hasSize(20);
    }

    @Test
    void whenTheBatchsRecordFailsEachMessageIsRecordedAloneAndOnlyTheFailingOneIsSentAgain() {
        List<String> applications = queue(4);
        String failing = applications.get(2);
        EventStore failingFor = new RefusingEventStore(world.events, failing);

        WorkReport report = dispatcher(failingFor).dispatch(100);

        assertThat(report.done()).isEqualTo(3);
        assertThat(report.errors()).hasSize(1);
        assertThat(transactions.get()).as("claim, read, the batch's record (rolled back), one per message").isEqualTo(7);
        OutboundSms unrecorded = world.outbox.all().stream()
                .filter(sms -> sms.applicationId().value().equals(failing)).findFirst().orElseThrow();
        assertThat(unrecorded.status()).isEqualTo(OutboundSms.OutboxStatus.QUEUED);
        assertThat(world.outbox.all()).filteredOn(sms -> sms.status() == OutboundSms.OutboxStatus.SENT).hasSize(3);

        world.clock.advance(world.settings.smsLease());
        dispatcher(world.events).dispatch(100);

        List<RecordingSmsSender.Sent> calls = world.carrier.calls();
        assertThat(calls).hasSize(5);
        assertThat(calls.get(4).idempotencyKey()).as("at least once, under the same key").isEqualTo(unrecorded.id());
        assertThat(calls.stream().filter(c -> c.idempotencyKey().equals(unrecorded.id()))).hasSize(2);
        assertThat(world.outbox.all()).allSatisfy(sms -> assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.SENT));
    }

    @Test
    void withASlowCarrierWhatItTookIsRecordedAsItGoesSoACrashCouldRepeatOnlyTheLastMessage() {
        queue(3);
        SmsSender slow = (message, key) -> {
            world.clock.advance(java.time.Duration.ofMillis(150)); // a real carrier's answer
            return world.carrier.send(message, key);
        };
        DispatchSmsService dispatcher = new DispatchSmsService(world.provinces, world.settings, transactions, world.clock,
                world.outbox, world.applications, world.applications, world.events, slow, new SecureRandomSource(),
                SmsCeilings.none(), new InMemorySentSmsLog(world.tx));

        WorkReport report = dispatcher.dispatch(100);

        assertThat(report).isEqualTo(new WorkReport(3, 0, List.of()));
        assertThat(transactions.get()).as("claim, read, then one record per message").isEqualTo(5);
        assertThat(world.outbox.all()).allSatisfy(sms -> assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.SENT));
    }

    private DispatchSmsService dispatcher(EventStore events) {
        return new DispatchSmsService(world.provinces, world.settings, transactions, world.clock, world.outbox,
                world.applications, world.applications, events, world.carrier, new SecureRandomSource(), SmsCeilings.none(),
                new InMemorySentSmsLog(world.tx));
    }

    /** Queues one SMS per application (submitted without dispatching); their ids. */
    private List<String> queue(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Outcome<Submission> o = world.submission.submit(world.command("r" + i, FilingType.NEW_WEBSITE, "TJ", null,
                    List.of(new WebsiteInput("site" + i + ".cn",
                            person("李四", "1390000" + String.format("%04d", i), residentId(10 + i))))));
            ids.add(((Outcome.Ok<Submission>) o).value().application().applicationId());
        }
        assertThat(world.carrier.calls()).isEmpty();
        return ids;
    }
}
