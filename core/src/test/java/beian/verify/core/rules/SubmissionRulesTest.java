package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.IdType;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.domain.Role;
import beian.verify.core.domain.TargetSelection;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.People;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** DOMAIN.md "Who must verify", "Provinces", "Transfer-in", "The application's life" (submission side). */
class SubmissionRulesTest {
    static final String ALICE_ID = residentId(1);
    static final String BOB_ID = residentId(2);
    static final String CAROL_ID = residentId(3);
    static final PersonInput ALICE = person("张三", "13800000001", ALICE_ID);
    static final PersonInput BOB = person("李四", "13900000002", BOB_ID);
    static final PersonInput CAROL = person("王五", "13700000003", CAROL_ID);

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    @Test
    void newFilingSubjectPrincipalAndEveryWebsitePrincipalMustVerify() {
        ApplicationView a = world.submitOk(world.command("r1", FilingType.NEW_FILING, "TJ", ALICE, List.of(
                new WebsiteInput("a.cn", BOB), new WebsiteInput("b.cn", CAROL))));

        assertThat(a.status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
        assertThat(a.targets()).extracting(ApplicationView.TargetView::maskedPhone)
                .containsExactly("138****0001", "139****0002", "137****0003");
        assertThat(a.targets().get(0).roles()).containsExactly(Role.SUBJECT_PRINCIPAL);
        assertThat(world.carrier.calls()).hasSize(3);
    }

    @Test
    void newFilingOnePersonIsOneCodeWhenTheSameIdAndPhoneHoldSeveralRoles() {
        ApplicationView a = world.submitOk(world.command("r1", FilingType.NEW_FILING, "TJ", ALICE, List.of(
                new WebsiteInput("a.cn", ALICE), new WebsiteInput("b.cn", ALICE))));

        assertThat(a.targets()).hasSize(1);
        assertThat(a.targets().get(0).roles()).isEqualTo(Set.of(Role.SUBJECT_PRINCIPAL, Role.WEBSITE_PRINCIPAL));
        assertThat(world.carrier.calls()).hasSize(1);
    }

    @Test
    void newFilingSamePhoneWithAnotherIdNumberIsAnotherTargetWithItsOwnCode() {
        PersonInput bobOnAlicesPhone = person("李四", "13800000001", BOB_ID);
        ApplicationView a = world.submitOk(world.command("r1", FilingType.NEW_FILING, "TJ", ALICE, List.of(
                new WebsiteInput("a.cn", bobOnAlicesPhone))));

        assertThat(a.targets()).hasSize(2);
        List<String> codes = world.carrier.callsTo("13800000001").stream().map(s -> s.code()).toList();
        assertThat(codes).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void newWebsiteTheWebsitePrincipalOfEachNewWebsiteVerifies() {
        ApplicationView a = world.submitOk(world.command("r1", FilingType.NEW_WEBSITE, "GS", null, List.of(
                new WebsiteInput("a.cn", BOB), new WebsiteInput("b.cn", CAROL))));

        assertThat(a.targets()).extracting(ApplicationView.TargetView::roles)
                .containsOnly(Set.of(Role.WEBSITE_PRINCIPAL));
        assertThat(a.targets()).hasSize(2);
    }

    @Test
    void changeFilingSubjectPrincipalVerifiesWhenTheSubjectChanges() {
        ApplicationView a = world.submitOk(new SubmitApplicationCommand(CoreFixture.PROVIDER, "r1",
                FilingType.CHANGE_FILING, "QH", "青海示例", ALICE, List.of(), true));

        assertThat(a.targets()).hasSize(1);
        assertThat(a.targets().get(0).roles()).containsExactly(Role.SUBJECT_PRINCIPAL);
    }

    @Test
    void changeFilingWebsitePrincipalOfEachChangedWebsiteVerifiesWhenWebsitesChange() {
        ApplicationView a = world.submitOk(new SubmitApplicationCommand(CoreFixture.PROVIDER, "r1",
                FilingType.CHANGE_FILING, "QH", "青海示例", ALICE, List.of(new WebsiteInput("a.cn", BOB)), false));

        assertThat(a.targets()).hasSize(1);
        assertThat(a.targets().get(0).maskedPhone()).isEqualTo("139****0002");
        assertThat(a.targets().get(0).roles()).containsExactly(Role.WEBSITE_PRINCIPAL);
    }

    @Test
    void changeFilingBothVerifyWhenSubjectAndWebsitesChange() {
        ApplicationView a = world.submitOk(new SubmitApplicationCommand(CoreFixture.PROVIDER, "r1",
                FilingType.CHANGE_FILING, "QH", "青海示例", ALICE, List.of(new WebsiteInput("a.cn", BOB)), true));

        assertThat(a.targets()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = FilingType.class, names = {"CANCEL_SUBJECT", "CANCEL_WEBSITE", "CANCEL_ACCESS"})
    void cancellationsAreNotVerifiedForNowAndGoStraightToReview(FilingType type) {
        ApplicationView a = world.submitOk(world.command("r1", type, "TJ", ALICE, List.of(new WebsiteInput("a.cn", BOB))));

        assertThat(a.status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
        assertThat(a.targets()).isEmpty();
        assertThat(world.carrier.calls()).isEmpty();
    }

    static Stream<Arguments> cancellationRoles() {
        return Stream.of(
                Arguments.of(FilingType.CANCEL_SUBJECT, TargetSelection.SUBJECT, "138****0001"),
                Arguments.of(FilingType.CANCEL_WEBSITE, TargetSelection.SUBJECT_OR_WEBSITES, "139****0002"),
                Arguments.of(FilingType.CANCEL_ACCESS, TargetSelection.WEBSITES, "139****0002"));
    }

    @ParameterizedTest
    @MethodSource("cancellationRoles")
    void verificationOfACancellationIsTurnedOnByConfigurationWithTheRolesTheSourceNames(
            FilingType type, TargetSelection selection, String maskedPhone) {
        CoreFixture configured = new CoreFixture(world.clock.now(), ProvinceCatalog.defaults(),
                VerificationPolicy.defaults().with(type, selection), VerificationSettings.defaults());

        ApplicationView a = configured.submitOk(configured.command("r1", type, "TJ", ALICE,
                List.of(new WebsiteInput("a.cn", BOB))));

        assertThat(a.status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
        assertThat(a.targets()).extracting(ApplicationView.TargetView::maskedPhone).containsExactly(maskedPhone);
    }

    @Test
    void anApplicationForAProvinceWithoutVerificationGoesStraightToReview() {
        ApplicationView a = world.submitNewFilingIn("BJ");

        assertThat(a.status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
        assertThat(world.carrier.calls()).isEmpty();
    }

    @Test
    void anApplicationSubmittedBeforeTheProvincesStartGoesStraightToReview() {
        CoreFixture before = CoreFixture.atShanghai(2017, 12, 18, 8, 59);
        CoreFixture after = CoreFixture.atShanghai(2017, 12, 18, 9, 0);

        assertThat(before.submitNewFilingIn("TJ").status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
        assertThat(after.submitNewFilingIn("TJ").status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
    }

    @Test
    void rollingVerificationOutToAnotherProvinceIsConfiguration() {
        Instant nationwide = MutableClock.shanghai(2020, 8, 17, 0, 0);
        ProvinceCatalog catalog = ProvinceCatalog.defaults().with(List.of(
                new Province(new ProvinceCode("BJ"), "北京市", "bjcainfo.miitbeian.gov.cn", nationwide)));
        CoreFixture configured = new CoreFixture(world.clock.now(), catalog, VerificationPolicy.defaults(),
                VerificationSettings.defaults());

        assertThat(configured.submitNewFilingIn("BJ").status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
        assertThat(configured.carrier.calls().get(0).message().platformHost()).isEqualTo("bjcainfo.miitbeian.gov.cn");
    }

    @Test
    void theDeadlineIs48HoursAfterSubmissionAndConfigurable() {
        ApplicationView a = world.submitNewFilingIn("TJ");
        assertThat(Duration.between(a.submittedAt(), a.deadline())).isEqualTo(Duration.ofHours(48));

        CoreFixture shorter = new CoreFixture(world.clock.now(), ProvinceCatalog.defaults(), VerificationPolicy.defaults(),
                VerificationSettings.defaults().withDeadline(Duration.ofHours(24)));
        ApplicationView b = shorter.submitNewFilingIn("TJ");
        assertThat(Duration.between(b.submittedAt(), b.deadline())).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theSmsNamesTheCodeThePlatformHostAndTheDeadline() {
        world.codes.then("042917");
        world.submitNewWebsite("r1", "a.cn", BOB);

        SmsMessage message = world.carrier.calls().get(0).message();
        assertThat(message.code().value()).isEqualTo("042917");
        assertThat(message.platformHost()).isEqualTo("tjcainfo.miitbeian.gov.cn");
        assertThat(message.deadline().atZone(message.zone()).toLocalDateTime()).hasToString("2026-11-30T10:00");
    }

    @Test
    void submissionIsIdempotentPerProviderAndRequestIdAndSendsNoSecondSms() {
        SubmitApplicationCommand command = world.command("same", FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("a.cn", BOB)));
        ApplicationView first = world.submitOk(command);
        Outcome<Submission> again = world.submission.submit(command);
        world.dispatch();

        assertThat(again).isInstanceOf(Outcome.Ok.class);
        Submission replay = ((Outcome.Ok<Submission>) again).value();
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.application().applicationId()).isEqualTo(first.applicationId());
        assertThat(world.applications.all()).hasSize(1);
        assertThat(world.carrier.calls()).hasSize(1);
    }

    @Test
    void theSameRequestIdOfAnotherProviderIsAnotherApplication() {
        world.submitOk(world.command("same", FilingType.NEW_WEBSITE, "TJ", null, List.of(new WebsiteInput("a.cn", BOB))));
        world.submitOk(new SubmitApplicationCommand(CoreFixture.OTHER_PROVIDER, "same", FilingType.NEW_WEBSITE, "TJ",
                null, null, List.of(new WebsiteInput("a.cn", BOB)), false));

        assertThat(world.applications.all()).hasSize(2);
    }

    @Test
    void aRequestIdReusedForADifferentSubmissionIsRefusedNamingTheField() {
        world.submitOk(world.command("same", FilingType.NEW_WEBSITE, "TJ", null, List.of(new WebsiteInput("a.cn", BOB))));
        Outcome<Submission> other = world.submission.submit(
                world.command("same", FilingType.NEW_WEBSITE, "TJ", null, List.of(new WebsiteInput("b.cn", BOB))));

        assertThat(failure(other).field()).hasToString("REQUEST_ID");
        assertThat(world.applications.all()).hasSize(1);
    }

    @Test
    void transferInWithTheFiledPhoneWaitsForTheWebsitePrincipal() {
        fileRecord("moved.cn", "13900000002");

        ApplicationView a = world.submitOk(world.command("t1", FilingType.TRANSFER_IN, "TJ", null,
                List.of(new WebsiteInput("moved.cn", BOB))));

        assertThat(a.status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
        assertThat(a.targets()).singleElement().satisfies(t -> assertThat(t.maskedPhone()).isEqualTo("139****0002"));
    }

    @Test
    void transferInWhosePhoneDiffersFromTheFiledRecordIsRefusedWithTheSourcesGuidance() {
        fileRecord("moved.cn", "13600000009");

        Failure f = failure(world.submission.submit(world.command("t1", FilingType.TRANSFER_IN, "TJ", null,
                List.of(new WebsiteInput("moved.cn", BOB)))));

        assertThat(f.code()).isEqualTo(ErrorCode.TRANSFER_PHONE_MISMATCH);
        assertThat(f.field()).hasToString("WEBSITES[0] > PRINCIPAL > PHONE");
        assertThat(f.reason()).contains("have the original provider change it first")
                .contains("cancel the filing and submit NEW_WEBSITE");
        assertThat(world.applications.all()).isEmpty();
        assertThat(world.carrier.calls()).isEmpty();
    }

    @Test
    void transferInForAWebsiteWithNoFiledRecordIsRefused() {
        Failure f = failure(world.submission.submit(world.command("t1", FilingType.TRANSFER_IN, "TJ", null,
                List.of(new WebsiteInput("unknown.cn", BOB)))));

        assertThat(f.code()).isEqualTo(ErrorCode.FILED_RECORD_NOT_FOUND);
        assertThat(f.field()).hasToString("WEBSITES[0] > DOMAIN");
    }

    @Test
    void residentIdsAreCheckedForTheirCheckCharacterAtSubmission() {
        String wrongCheck = ALICE_ID.substring(0, 17) + (ALICE_ID.charAt(17) == '0' ? '1' : '0');
        Failure f = failure(world.submission.submit(world.command("r1", FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("a.cn", person("张三", "13800000001", wrongCheck))))));

        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(f.field()).hasToString("WEBSITES[0] > PRINCIPAL > ID_NUMBER");
        assertThat(f.reason()).contains("check character");
    }

    static Stream<Arguments> otherDocuments() {
        return Stream.of(
                Arguments.of(IdType.HK_MACAO_PERMIT, "H12345678"),
                Arguments.of(IdType.HK_MACAO_PERMIT, "M1234567801"),
                Arguments.of(IdType.TAIWAN_PERMIT, "12345678"),
                Arguments.of(IdType.PASSPORT, "E12345678"));
    }

    @ParameterizedTest
    @MethodSource("otherDocuments")
    void permitsAndPassportsAreAcceptedInTheirOwnFormatWithoutACheckCharacter(IdType type, String number) {
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", new PersonInput("Chan", "13800000001", type, number));
        String code = world.carrier.lastCodeTo("13800000001");

        assertThat(world.verify("13800000001", People.tail(number), code))
                .isInstanceOf(beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult.Verified.class);
        assertThat(world.view(a.applicationId()).status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
    }

    static Stream<Arguments> badSubmissions() {
        PersonInput badPhone = person("张三", "12800000001", ALICE_ID);
        return Stream.of(
                Arguments.of(FilingType.NEW_WEBSITE, "TJ", List.of(new WebsiteInput("a.cn", badPhone)), "WEBSITES[0] > PRINCIPAL > PHONE"),
                Arguments.of(FilingType.NEW_WEBSITE, "ZZ", List.of(new WebsiteInput("a.cn", BOB)), "PROVINCE"),
                Arguments.of(FilingType.NEW_WEBSITE, "TJ", List.of(new WebsiteInput("not a domain", BOB)), "WEBSITES[0] > DOMAIN"),
                Arguments.of(FilingType.NEW_WEBSITE, "TJ", List.of(), "WEBSITES"),
                Arguments.of(FilingType.NEW_WEBSITE, "TJ", List.of(new WebsiteInput("a.cn", BOB), new WebsiteInput("A.CN", CAROL)),
                        "WEBSITES[1] > DOMAIN"),
                Arguments.of(FilingType.NEW_WEBSITE, "TJ", List.of(new WebsiteInput("a.cn", null)), "WEBSITES[0] > PRINCIPAL"),
                Arguments.of(FilingType.NEW_FILING, "TJ", List.of(new WebsiteInput("a.cn", BOB)), "SUBJECT_PRINCIPAL"));
    }

    @ParameterizedTest
    @MethodSource("badSubmissions")
    void malformedSubmissionsAreRefusedNamingTheFieldAndStoreNothing(FilingType type, String province,
                                                                     List<WebsiteInput> websites, String field) {
        Failure f = failure(world.submission.submit(world.command("r1", type, province, null, websites)));

        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(f.field()).hasToString(field);
        assertThat(world.applications.all()).isEmpty();
        assertThat(world.outbox.all()).isEmpty();
    }

    @Test
    void theFullIdNumberAndTheCodesAreNotKept() {
        world.codes.then("731904");
        world.submitNewWebsite("r1", "a.cn", BOB);

        String stored = world.applications.all().toString() + world.applications.all().get(0).targets().get(0).codeHashes()
                + world.applications.all().get(0).targets().get(0).idTailHash();
        assertThat(stored).doesNotContain(BOB_ID).doesNotContain(People.tail(BOB_ID)).doesNotContain("731904");
    }

    private void fileRecord(String domain, String websitePhone) {
        world.tx.inTransaction(() -> {
            world.filedRecords.upsert(new FiledRecord(DomainName.of(domain), new FilingNumber("津ICP备00000001号-1"),
                    new ProvinceCode("TJ"), CoreFixture.OTHER_PROVIDER, null, new PhoneNumber(websitePhone)));
            return null;
        });
    }

    static Failure failure(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<?>) outcome).failure();
    }
}
