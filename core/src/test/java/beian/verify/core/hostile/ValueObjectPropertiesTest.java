package beian.verify.core.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.IdDocument;
import beian.verify.core.domain.IdTail;
import beian.verify.core.domain.IdType;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.domain.ResidentIdNumber;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.testing.HostileValues;
import java.util.function.Function;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every value object, given any text at all, either accepts it as a valid value (which it then
 * keeps to its own rule) or refuses it with an InvalidInputException naming its own field; it
 * never fails any other way. What an adapter passes in unchecked cannot crash a use case. The values
 * are {@link HostileValues}: fixed edges plus a seeded random sample, so a failure reproduces.
 */
class ValueObjectPropertiesTest {

    private static final List<String> ANYTHING = HostileValues.text(20261130L, 500).toList();

    @Test
    void aPhoneIsElevenMainlandDigitsOrRefusedNamingPhone() {
        acceptsEach(PhoneNumber::of, InputField.PHONE, p -> assertThat(p.value()).matches("1[3-9]\\d{9}"));
    }

    @Test
    void anIdTailIsSixLettersOrDigitsOrRefusedNamingIdTail() {
        acceptsEach(IdTail::of, InputField.ID_TAIL, t -> assertThat(t.value()).matches("[A-Z0-9]{6}"));
    }

    @Test
    void aCodeIsSixDigitsOrRefusedNamingCode() {
        acceptsEach(VerificationCode::of, InputField.CODE, c -> assertThat(c.value()).matches("\\d{6}"));
    }

    @Test
    void aProvinceIsAnIsoCodeOrRefusedNamingProvince() {
        acceptsEach(ProvinceCode::of, InputField.PROVINCE, p -> assertThat(ProvinceCode.ALL).contains(p.value()));
    }

    @Test
    void aDomainIsAnAsciiHostNameOrRefusedNamingDomain() {
        acceptsEach(DomainName::of, InputField.DOMAIN, d -> assertThat(d.value()).matches("[a-z0-9.-]{1,253}"));
    }

    @Test
    void aRequestIdIsPrintableAsciiOrRefusedNamingRequestId() {
        acceptsEach(RequestId::new, InputField.REQUEST_ID, r -> assertThat(r.value()).matches("[\\x21-\\x7E]{1,128}"));
    }

    @Test
    void aProviderIdHasItsShapeOrIsRefusedNamingProviderId() {
        acceptsEach(ProviderId::new, InputField.PROVIDER_ID, p -> assertThat(p.value()).hasSizeLessThanOrEqualTo(64));
    }

    @Test
    void anApplicationIdIsAUuidOrRefusedNamingApplicationId() {
        acceptsEach(ApplicationId::new, InputField.APPLICATION_ID, a -> assertThat(a.value()).hasSize(36));
    }

    @Test
    void aFilingNumberIsShortTextOrRefusedNamingFilingNumber() {
        acceptsEach(FilingNumber::new, InputField.FILING_NUMBER, f -> assertThat(f.value()).isNotBlank().hasSizeLessThanOrEqualTo(64));
    }

    @Test
    void aResidentIdHasItsCheckCharacterOrIsRefusedNamingIdNumber() {
        acceptsEach(ResidentIdNumber::of, InputField.ID_NUMBER,
                r -> assertThat(r.value().charAt(17)).isEqualTo(ResidentIdNumber.checkCharacter(r.value())));
    }

    @Test
    void anyIdDocumentIsItsOwnFormatOrRefusedNamingIdNumber() {
        for (IdType type : IdType.values()) {
            acceptsEach(n -> IdDocument.of(type, n), InputField.ID_NUMBER, d -> assertThat(d.tail().value()).hasSize(6));
        }
    }

    private static <T> void acceptsEach(Function<String, T> parse, InputField field, Consumer<T> valid) {
        for (String raw : ANYTHING) {
            String shown = HostileValues.printable(raw);
            T value;
            try {
                value = parse.apply(raw);
            } catch (InvalidInputException e) {
                assertThat(e.field().last()).as("the field named for %s", shown).isEqualTo(field);
                assertThat(e.reason()).as("the reason given for %s", shown).isNotBlank();
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("not an InvalidInputException for " + shown, e);
            }
            valid.accept(value);
        }
    }
}
