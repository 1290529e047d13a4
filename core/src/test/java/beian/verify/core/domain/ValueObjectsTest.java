package beian.verify.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.testing.People;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value objects validate themselves and never print a secret. */
class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"13800000000", "19912345678", "14700000001"})
    void aMainlandMobileHas11DigitsStartingWith13To19(String phone) {
        assertThat(new PhoneNumber(phone).value()).isEqualTo(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1380000000", "138000000001", "12800000000", "23800000000", "+8613800000000", "1380000000a"})
    void anythingElseIsNotAPhoneAndTheErrorNamesTheField(String phone) {
        assertThatThrownBy(() -> new PhoneNumber(phone)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).hasToString("PHONE"));
    }

    @Test
    void phonesAreMaskedAsInLogsEventsAndAudit() {
        assertThat(new PhoneNumber("13812341234").masked()).isEqualTo("138****1234");
        assertThat(new PhoneNumber("13812341234").toString()).isEqualTo("138****1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "110105194912310029", "440524188001010014"})
    void residentIdsWithTheRightCheckCharacterAreAccepted(String id) {
        String valid = People.residentId(id.substring(0, 17));
        assertThat(ResidentIdNumber.of(valid.toLowerCase()).value()).isEqualTo(valid);
    }

    @Test
    void theCheckCharacterFollowsGb11643() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @ParameterizedTest
    @CsvSource({"11010519491231002Y", "110105194912310021", "1101051949123100", "A1010519491231002X"})
    void residentIdsOfTheWrongShapeOrCheckAreRefused(String id) {
        assertThatThrownBy(() -> ResidentIdNumber.of(id)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theIdTailIsTheLastSixCharactersUpperCased() {
        assertThat(IdDocument.of(IdType.RESIDENT_ID, "11010519491231002x").tail()).isEqualTo(new IdTail("31002X"));
        assertThat(IdTail.of(" 31002x ")).isEqualTo(new IdTail("31002X"));
        assertThat(IdDocument.of(IdType.HK_MACAO_PERMIT, "H12345678").tail()).isEqualTo(new IdTail("345678"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567", "12345-", "１２３４５６"})
    void anIdTailIsSixLettersOrDigits(String tail) {
        assertThatThrownBy(() -> IdTail.of(tail)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @CsvSource({"HK_MACAO_PERMIT,H1234567", "HK_MACAO_PERMIT,X12345678", "TAIWAN_PERMIT,1234567", "PASSPORT,E12"})
    void otherDocumentsAreCheckedForTheirOwnFormat(IdType type, String number) {
        assertThatThrownBy(() -> IdDocument.of(type, number)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).hasToString("ID_NUMBER"));
    }

    @Test
    void documentsAndTailsNeverPrintTheirDigits() {
        assertThat(IdDocument.of(IdType.RESIDENT_ID, "11010519491231002X").toString()).doesNotContain("1231002X");
        assertThat(new IdTail("31002X").toString()).doesNotContain("31002X");
    }

    @ParameterizedTest
    @CsvSource({"tj,TJ", "CN-GS,GS", " hi ,HI"})
    void provinceCodesAreIso3166Cn(String raw, String code) {
        assertThat(ProvinceCode.of(raw).value()).isEqualTo(code);
    }

    @Test
    void unknownProvinceCodesAreRefused() {
        assertThatThrownBy(() -> ProvinceCode.of("XX")).isInstanceOf(InvalidInputException.class);
        assertThat(ProvinceCode.ALL).hasSize(34);
    }

    @ParameterizedTest
    @CsvSource({"Example.CN,example.cn", "例子.中国,xn--fsqu00a.xn--fiqs8s", "a-b.example.com.,a-b.example.com"})
    void domainsAreHeldInLowerCasePunycode(String raw, String ascii) {
        assertThat(DomainName.of(raw).value()).isEqualTo(ascii);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "-a.cn", "a..cn", "a b.cn", "a.c"})
    void malformedDomainsAreRefused(String raw) {
        assertThatThrownBy(() -> DomainName.of(raw)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567", "12345a", ""})
    void aCodeIsSixDigits(String raw) {
        assertThatThrownBy(() -> VerificationCode.of(raw)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void applicationIdsAreTimeOrderedUuids() {
        Instant t = Instant.parse("2026-11-28T02:00:00Z");
        ApplicationId first = ApplicationId.newId(t);
        ApplicationId later = ApplicationId.newId(t.plusMillis(1));
        assertThat(first.compareTo(later)).isNegative();
        assertThat(java.util.UUID.fromString(first.value()).version()).isEqualTo(7);
        assertThatThrownBy(() -> new ApplicationId("nope")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void thePhoneThrottleLocksOnTheLimitthMissWithinTheWindow() {
        Instant t = Instant.parse("2026-11-28T02:00:00Z");
        PhoneThrottle throttle = PhoneThrottle.none(new PhoneNumber("13800000001"));
        for (int i = 0; i < 2; i++) {
            throttle = throttle.withMiss(t, 3, Duration.ofHours(1), Duration.ofHours(1));
        }
        assertThat(throttle.isLocked(t)).isFalse();
        throttle = throttle.withMiss(t, 3, Duration.ofHours(1), Duration.ofHours(1));
        assertThat(throttle.isLocked(t)).isTrue();
        assertThat(throttle.isLocked(t.plus(Duration.ofHours(1)))).isFalse();
        assertThat(throttle.recentMisses()).isEqualTo(List.of());
    }

    @Test
    void aClientNetworkIsAnIpv4AddressOrAnIpv6Slash64AndAnythingUnreadableIsOneUnknownNetwork() {
        assertThat(ClientNetwork.of("203.0.113.9")).isEqualTo(new ClientNetwork("203.0.113.9"));
        assertThat(ClientNetwork.of("::ffff:203.0.113.9")).isEqualTo(new ClientNetwork("203.0.113.9"));
        assertThat(ClientNetwork.of("2001:db8:1:2::1")).isEqualTo(ClientNetwork.of("[2001:0db8:0001:0002:ffff:0:0:9]"))
                .isEqualTo(new ClientNetwork("2001:db8:1:2::/64"));
        assertThat(ClientNetwork.of("2001:db8:1:3::1")).isNotEqualTo(ClientNetwork.of("2001:db8:1:2::1"));
        assertThat(ClientNetwork.of("example.com")).isEqualTo(ClientNetwork.UNKNOWN);
        assertThat(ClientNetwork.of("999.1.1.1")).isEqualTo(ClientNetwork.UNKNOWN);
        assertThat(ClientNetwork.of(null)).isEqualTo(ClientNetwork.UNKNOWN);
        assertThat(ClientNetwork.of("")).isEqualTo(ClientNetwork.UNKNOWN);
    }
}
