package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.AuditRecord;
import beian.verify.adapters.grpc.v1.ListAuditRecordsRequest;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.testing.People;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ListAuditRecords (API.md): reviewers read their provinces' audit only, which holds every attempt on a
 * phone with an application of theirs open (DOMAIN.md "Privacy"); a provider key is refused.
 */
@MicronautTest
class AuditRecordsGrpcTest extends GrpcTestSupport {
    static final String TJ_APP = "0190f3a2-0000-7000-8000-000000000071";

    static boolean recorded; // the core on fakes lives as long as the test context

    @BeforeEach
    void attemptsInTwoProvinces() {
        if (recorded) {
            return;
        }
        recorded = true;
        core.tx.inTransaction(() -> {
            core.audit.record(new AuditEntry(Instant.parse("2026-03-02T02:00:00Z"), AuditAction.VERIFY, "137****0071",
                    "VERIFIED", "203.0.113.9", new PhoneNumber("13700000071"), new ProvinceCode("TJ"),
                    new ApplicationId(TJ_APP)));
            core.audit.record(new AuditEntry(Instant.parse("2026-03-02T02:01:00Z"), AuditAction.RESEND, "137****0072",
                    "RECORD_NOT_FOUND", "203.0.113.9", new PhoneNumber("13700000072"), new ProvinceCode("GS"), null));
            return null;
        });
    }

    private static ListAuditRecordsRequest byPhone(String phone) {
        return ListAuditRecordsRequest.newBuilder().setPhone(phone).build();
    }

    @Test
    void aReviewerReadsOnlyItsProvincesAuditWithPhonesMasked() {
        ReviewServiceGrpc.ReviewServiceBlockingStub tj = reviews(REVIEWER_TJ_KEY);
        ReviewServiceGrpc.ReviewServiceBlockingStub gs = reviews(REVIEWER_GS_KEY);

        assertThat(tj.listAuditRecords(byPhone("13700000071")).getRecordsList()).singleElement().satisfies(r -> {
            assertThat(r.getMaskedPhone()).isEqualTo("137****0071");
            assertThat(r.getApplicationId()).isEqualTo(TJ_APP);
            assertThat(r.getProvince()).isEqualTo("TJ");
            assertThat(r.toString()).doesNotContain("13700000071");
        });
        assertThat(tj.listAuditRecords(byPhone("13700000072")).getRecordsList()).isEmpty();
        assertThat(gs.listAuditRecords(byPhone("13700000072")).getRecordsList()).extracting(AuditRecord::getOutcome)
                .containsExactly("RECORD_NOT_FOUND");
        assertThat(gs.listAuditRecords(ListAuditRecordsRequest.newBuilder().setProvince("TJ").build())
                .getRecordsList()).isEmpty();
    }

    /**
     * Issue 19: a wrong code and then the right code for a Tianjin application, on a host that names no
     * province and again on Gansu's: the Tianjin reviewer, asking by phone, reads the misses and the hit.
     */
    @Test
    void theApplicantsProvinceReadsEveryAttemptOnItsPhoneFromAHostNamingNoProvinceAndFromAnotherProvincesHost() {
        SubmitApplicationRequest request = newFiling("TJ");
        Application application = submit(request);
        Person subject = request.getSubjectPrincipal();
        String code = core.carrier.lastCodeTo(subject.getPhone());
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (String host : new String[] {null, "GS"}) {
            attempt(host, subject, wrong);
            attempt(host, subject, code);
        }

        List<AuditRecord> tianjin = reviews(REVIEWER_TJ_KEY).listAuditRecords(byPhone(subject.getPhone())).getRecordsList();
        assertThat(tianjin).extracting(r -> r.getOutcome() + " " + r.getProvince() + " " + r.getApplicationId())
                .containsExactly("RECORD_NOT_FOUND  ", "VERIFIED TJ " + application.getApplicationId(),
                        "RECORD_NOT_FOUND GS ", "RECORD_NOT_FOUND GS "); // Gansu's host does not serve Tianjin's
        assertThat(tianjin).allSatisfy(r -> assertThat(r.getVisibleToList()).containsExactly("TJ"));
        assertThat(reviews(REVIEWER_GS_KEY).listAuditRecords(byPhone(subject.getPhone())).getRecordsList())
                .as("Gansu reads what came in on its host").extracting(AuditRecord::getOutcome)
                .containsExactly("RECORD_NOT_FOUND", "RECORD_NOT_FOUND");
        assertThat(reviewer().listAuditRecords(byPhone(subject.getPhone())).getRecordsList())
                .as("a key of every province: each once").hasSize(4);
    }

    private void attempt(String hostProvince, Person person, String code) {
        IssuedCaptcha captcha = core.captcha();
        core.verification.verify(new VerifyCodeCommand(person.getPhone(), People.tail(person.getIdNumber()), code,
                captcha.captchaId(), captcha.answer(), "203.0.113.7", hostProvince));
    }

    @Test
    void aProviderKeyIsRefused() {
        failure(() -> reviews(PROVIDER_KEY).listAuditRecords(byPhone("13700000071")),
                Status.Code.PERMISSION_DENIED, "PERMISSION_DENIED");
    }
}
