package beian.verify.app.architecture;

import beian.verify.archfixtures.adapters.persistence.PersistenceUsesCore;
import beian.verify.archfixtures.adapters.rest.RestUsesSms;
import beian.verify.archfixtures.adapters.sms.SmsFixture;
import beian.verify.archfixtures.core.CleanCoreType;
import beian.verify.archfixtures.core.clock.SystemClockReaders;
import beian.verify.archfixtures.core.domain.ProvinceCatalog;
import beian.verify.archfixtures.core.framework.FrameworkInCore;
import beian.verify.archfixtures.core.port.out.Notifier;
import beian.verify.archfixtures.core.port.out.RecordStore;
import beian.verify.archfixtures.core.protocol.PlainMessages;
import beian.verify.archfixtures.core.protocol.ProtocolNamers;
import beian.verify.archfixtures.core.service.PortHolders;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Proves each architecture rule can fail: the very rules of {@link ArchitectureTest}, built for the
 * fixture root, meet deliberate violations (and, as a control, compliant fixtures that pass).
 */
class ArchitectureRulesFixtureTest {

    private static final String FIXTURES = "beian.verify.archfixtures";

    private static JavaClasses classes(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    // Rule 1: core depends only on the JDK

    @ParameterizedTest
    @ValueSource(classes = {
            FrameworkInCore.AnnotatedWithMicronaut.class,
            FrameworkInCore.HoldsAJakartaType.class,
            FrameworkInCore.UsesAnAdapter.class})
    void coreRuleFailsOnANonJdkDependency(Class<?> violator) {
        ArchRule rule = ArchitectureRules.coreDependsOnlyOnTheJdk(FIXTURES);

        assertThatThrownBy(() -> rule.check(classes(violator)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator.getName());
    }

    @Test
    void coreRuleNamesTheFrameworkAnnotation() {
        assertThatThrownBy(() -> ArchitectureRules.coreDependsOnlyOnTheJdk(FIXTURES)
                .check(classes(FrameworkInCore.AnnotatedWithMicronaut.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.micronaut.core.annotation.NonNull");
    }

    @Test
    void coreRulePassesOnJdkOnlyCore() {
        assertThatCode(() -> ArchitectureRules.coreDependsOnlyOnTheJdk(FIXTURES)
                .check(classes(CleanCoreType.class)))
                .doesNotThrowAnyException();
    }

    // Rule 2: adapters do not depend on each other

    @Test
    void adapterRuleFailsWhenOneAdapterUsesAnother() {
        ArchRule rule = ArchitectureRules.adaptersDoNotDependOnEachOther(FIXTURES);

        assertThatThrownBy(() -> rule.check(classes(RestUsesSms.class, SmsFixture.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(RestUsesSms.class.getName());
    }

    @Test
    void adapterRulePassesWhenAdaptersMeetOnlyInTheCore() {
        assertThatCode(() -> ArchitectureRules.adaptersDoNotDependOnEachOther(FIXTURES)
                .check(classes(PersistenceUsesCore.class, SmsFixture.class, CleanCoreType.class)))
                .doesNotThrowAnyException();
    }

    // Rule 3: core does not read the system clock

    @ParameterizedTest
    @ValueSource(classes = {
            SystemClockReaders.CallsInstantNow.class,
            SystemClockReaders.ReferencesInstantNow.class,
            SystemClockReaders.CallsLocalDateTimeNow.class,
            SystemClockReaders.CallsLocalDateTimeNowInAZone.class,
            SystemClockReaders.CallsLocalDateNow.class,
            SystemClockReaders.CallsZonedDateTimeNow.class,
            SystemClockReaders.CallsOffsetDateTimeNow.class,
            SystemClockReaders.CallsSystemCurrentTimeMillis.class,
            SystemClockReaders.CallsClockSystemUtc.class,
            SystemClockReaders.CallsClockSystemDefaultZone.class,
            SystemClockReaders.CallsNowInALambda.class})
    void clockRuleFailsOnEachSystemClockRead(Class<?> violator) {
        ArchRule rule = ArchitectureRules.coreDoesNotReadTheSystemClock(FIXTURES);

        assertThatThrownBy(() -> rule.check(classes(violator)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator.getName());
    }

    @Test
    void clockRuleAllowsTimeFromAnInjectedClock() {
        assertThatCode(() -> ArchitectureRules.coreDoesNotReadTheSystemClock(FIXTURES)
                .check(classes(CleanCoreType.class)))
                .doesNotThrowAnyException();
    }

    // Rule 4: a service holds only ports it uses

    @ParameterizedTest
    @ValueSource(classes = {
            PortHolders.AssignsAPortOnlyInItsConstructor.class,
            PortHolders.ReadsAPortOnlyInItsConstructor.class})
    void portRuleFailsOnAPortThatOnlyTheConstructorTouches(Class<?> violator) {
        ArchRule rule = ArchitectureRules.servicesHoldOnlyPortsTheyUse(FIXTURES);

        assertThatThrownBy(() -> rule.check(classes(violator, RecordStore.class, Notifier.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator.getName() + " holds the port " + RecordStore.class.getName()
                        + " in field 'store'")
                .hasMessageNotContaining("'notifier'");
    }

    @Test
    void portRulePassesWhenMethodsReadEveryPort() {
        assertThatCode(() -> ArchitectureRules.servicesHoldOnlyPortsTheyUse(FIXTURES)
                .check(classes(PortHolders.UsesEveryPort.class, RecordStore.class, Notifier.class)))
                .doesNotThrowAnyException();
    }

    // Rule 5: core names no protocol

    static Stream<Arguments> protocolNamers() {
        return Stream.of(
                arguments(ProtocolNamers.NamesASnakeCasePath.class, ArchitectureRules.WIRE_PATH, "request_id"),
                arguments(ProtocolNamers.NamesASnakeCasePath.class, ArchitectureRules.WIRE_PATH,
                        "websites[0].principal.id_number"),
                arguments(ProtocolNamers.NamesACamelCasePath.class, ArchitectureRules.WIRE_PATH, "idTail"),
                arguments(ProtocolNamers.PrefixesAValueWithAPath.class, ArchitectureRules.WIRE_PATH_PREFIX,
                        "province: \\u0001"),
                arguments(ProtocolNamers.LeadsAMessageWithAPath.class, ArchitectureRules.WIRE_PATH_PREFIX,
                        "page_size: must not be negative"),
                arguments(ProtocolNamers.NamesAnHttpStatusCode.class, ArchitectureRules.HTTP_STATUS, "404"),
                arguments(ProtocolNamers.MentionsHttp.class, ArchitectureRules.HTTP_STATUS,
                        "HTTP \\u0001 from the provider"),
                arguments(ProtocolNamers.HoldsPageWording.class, ArchitectureRules.PAGE_WORDING, "请输入短信验证码"),
                arguments(ProtocolNamers.NamesAProvinceOutsideTheCatalog.class, ArchitectureRules.PAGE_WORDING,
                        "北京市"));
    }

    @ParameterizedTest
    @MethodSource("protocolNamers")
    void protocolRuleFailsOnEachKindOfLiteral(Class<?> violator, String kind, String literal) {
        ArchRule rule = ArchitectureRules.coreNamesNoProtocol(FIXTURES);

        assertThatThrownBy(() -> rule.check(classes(violator)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator.getName() + " names a protocol: " + kind
                        + " in string literal \"" + literal + "\"");
    }

    @ParameterizedTest
    @ValueSource(classes = {ProtocolNamers.UsesJavaNetHttp.class, ProtocolNamers.UsesAnHttpNamedType.class})
    void protocolRuleFailsOnAnHttpType(Class<?> violator) {
        assertThatThrownBy(() -> ArchitectureRules.coreNamesNoProtocol(FIXTURES).check(classes(violator)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator.getName() + " names a protocol: " + ArchitectureRules.HTTP_DEPENDENCY);
    }

    @Test
    void protocolRulePassesOnPlainMessagesAndTheProvinceCatalog() {
        assertThatCode(() -> ArchitectureRules.coreNamesNoProtocol(FIXTURES)
                .check(classes(PlainMessages.class, PlainMessages.Kind.class, PlainMessages.Tail.class,
                        ProvinceCatalog.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void literalReaderReturnsLiteralsButNoIdentifiers() throws URISyntaxException {
        Set<String> literals = ClassFileStrings.of(
                PlainMessages.class.getResource("PlainMessages.class").toURI());

        assertThat(literals)
                .contains("is required", "NEW_FILING", "id-tail", "attempt \u0001 of \u0001: try again later")
                .doesNotContain("words", "attempt", "java/util/List", "PlainMessages", "()Ljava/util/List;");
    }

    @Test
    void literalKindsLeaveOrdinaryWordsAlone() {
        for (String plain : new String[] {"is required", "NEW_FILING", "code", "captcha", "id-tail", "600",
                "e.g.", "java.util.Locale", "attempt \u0001 of \u0001", "Asia/Shanghai", "HTTPS", "", ": ",
                "tjcainfo.miitbeian.gov.cn"}) {
            assertThat(ArchitectureRules.protocolKinds(plain, false)).as(plain).isEmpty();
        }
        assertThat(ArchitectureRules.protocolKinds("\u0001, province: \u0001", false))
                .containsExactly(ArchitectureRules.WIRE_PATH_PREFIX);
        assertThat(ArchitectureRules.protocolKinds("items[]", false)).containsExactly(ArchitectureRules.WIRE_PATH);
        assertThat(ArchitectureRules.protocolKinds("北京市", true)).isEmpty();
    }

    // All rules

    static Stream<Function<String, ArchRule>> rules() {
        return Stream.of(
                ArchitectureRules::coreDependsOnlyOnTheJdk,
                ArchitectureRules::adaptersDoNotDependOnEachOther,
                ArchitectureRules::coreDoesNotReadTheSystemClock,
                ArchitectureRules::servicesHoldOnlyPortsTheyUse,
                ArchitectureRules::coreNamesNoProtocol);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void everyRuleFailsOnTheWholeFixtureTree(Function<String, ArchRule> rule) {
        JavaClasses fixtureTree = new ClassFileImporter().importPackages(FIXTURES);

        assertThatThrownBy(() -> rule.apply(FIXTURES).check(fixtureTree))
                .isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void everyRuleFailsWhenItMatchesNoClassAtAll(Function<String, ArchRule> rule) {
        // A misspelt root must not pass silently (allowEmptyShould(false)).
        JavaClasses fixtureTree = new ClassFileImporter().importPackages(FIXTURES);

        assertThatThrownBy(() -> rule.apply("beian.verify.no.such.root").check(fixtureTree))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }
}
