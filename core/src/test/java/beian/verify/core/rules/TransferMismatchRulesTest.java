package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.service.SubmitApplicationService;
import beian.verify.core.testing.CoreFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A TRANSFER_IN whose principal phone differs from the filed record tests that phone against a
 * filed domain (issue #11): each is audited, and past {@code TRANSFER_MISMATCHES_PER_HOUR} in a clock
 * hour the provider's TRANSFER_IN submissions are refused before any record is read.
 */
class TransferMismatchRulesTest {
    static final String FILED_PHONE = "13900000002";
    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    int serial;

    private void fileRecord(String domain) {
        world.tx.inTransaction(() -> {
            world.filedRecords.upsert(new FiledRecord(DomainName.of(domain), new FilingNumber("津ICP备00000001号-1"),
                    new ProvinceCode("TJ"), CoreFixture.OTHER_PROVIDER, null, new PhoneNumber(FILED_PHONE)));
            return null;
        });
    }

    private Outcome<Submission> transferIn(String domain, String phone) {
        return transferIn(CoreFixture.PROVIDER, domain, phone);
    }

    private Outcome<Submission> transferIn(beian.verify.core.domain.ProviderId provider, String domain, String phone) {
        PersonInput principal = person("李四", phone, residentId(2));
        return world.submission.submit(new SubmitApplicationCommand(provider, "t-" + serial++, FilingType.TRANSFER_IN,
                "TJ", "天津示例科技有限公司", null, List.of(new WebsiteInput(domain, principal)), false));
    }

    private static ErrorCode code(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<?>) outcome).failure().code();
    }

    @Test
    void eachTransferInWhosePhoneDiffersFromTheFiledRecordIsAuditedWithTheTriedPhoneMaskedAndTheProvider() {
        fileRecord("moved.cn");

        assertThat(code(transferIn("moved.cn", "13600000009"))).isEqualTo(ErrorCode.TRANSFER_PHONE_MISMATCH);

        assertThat(world.audit.entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.TRANSFER_IN);
            assertThat(e.outcome()).isEqualTo("TRANSFER_PHONE_MISMATCH");
            assertThat(e.maskedPhone()).isEqualTo("136****0009");
            assertThat(e.phone()).isEqualTo(new PhoneNumber("13600000009"));
            assertThat(e.clientAddress()).isEqualTo("provider:" + CoreFixture.PROVIDER.value());
            assertThat(e.province()).isEqualTo(new ProvinceCode("TJ"));
        });
    }

    @Test
    void pastTheMismatchesOfAnHourAProvidersTransferInsAreRefusedEvenWithTheRightPhoneUntilTheHourEnds() {
        fileRecord("moved.cn");
        int limit = SubmitApplicationService.TRANSFER_MISMATCHES_PER_HOUR;
        for (int i = 0; i < limit; i++) {
            assertThat(code(transferIn("moved.cn", "136000000" + String.format("%02d", i))))
                    .isEqualTo(ErrorCode.TRANSFER_PHONE_MISMATCH);
        }

        assertThat(code(transferIn("moved.cn", "13600000099"))).as("one more wrong phone").isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(code(transferIn("moved.cn", FILED_PHONE))).as("the right phone: no oracle either")
                .isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(world.audit.entries()).as("refusals read no record: nothing more to audit").hasSize(limit);
        assertThat(transferIn(CoreFixture.OTHER_PROVIDER, "moved.cn", FILED_PHONE)).as("another provider")
                .isInstanceOf(Outcome.Ok.class);

        world.clock.advance(Duration.ofHours(1));

        assertThat(transferIn("moved.cn", FILED_PHONE)).as("the next hour").isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void aTransferInWithTheFiledPhoneIsNeitherCountedNorAudited() {
        fileRecord("moved.cn");
        for (int i = 0; i < SubmitApplicationService.TRANSFER_MISMATCHES_PER_HOUR + 2; i++) {
            fileRecord("moved" + i + ".cn");
            assertThat(transferIn("moved" + i + ".cn", FILED_PHONE)).isInstanceOf(Outcome.Ok.class);
        }
        assertThat(world.audit.entries()).extracting(AuditEntry::action).doesNotContain(AuditAction.TRANSFER_IN);
    }

    @Test
    void theRefusalPastTheMismatchesOfAnHourTellsTheWaitUntilThatClockHourEnds() {
        fileRecord("moved.cn");
        world.clock.advance(Duration.ofMinutes(20).plusSeconds(15)); // 10:20:15, Shanghai: the hour ends at 11:00
        for (int i = 0; i < SubmitApplicationService.TRANSFER_MISMATCHES_PER_HOUR; i++) {
            Outcome<Submission> mismatch = transferIn("moved.cn", "136000000" + String.format("%02d", i));
            assertThat(((Outcome.Failed<Submission>) mismatch).failure().retryAfter()).as("a mismatch itself").isEmpty();
        }

        Outcome<Submission> refused = transferIn("moved.cn", FILED_PHONE);

        assertThat(code(refused)).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(((Outcome.Failed<Submission>) refused).failure().retryAfter())
                .contains(Duration.ofMinutes(39).plusSeconds(45));
    }
}
