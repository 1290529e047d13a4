package beian.verify.app.architecture;

import beian.verify.archfixtures.adapters.persistence.PersistenceUsesCore;
import beian.verify.archfixtures.adapters.rest.RestUsesSms;
import beian.verify.archfixtures.adapters.sms.SmsFixture;
import beian.verify.archfixtures.core.CleanCoreType;
import beian.verify.archfixtures.core.clock.SystemClockReaders;
import beian.verify.archfixtures.core.framework.FrameworkInCore;
import beian.verify.archfixtures.core.port.out.Notifier;
import beian.verify.archfixtures.core.port.out.RecordStore;
import beian.verify.archfixtures.core.service.PortHolders;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    // All rules

    static Stream<Function<String, ArchRule>> rules() {
        return Stream.of(
                ArchitectureRules::coreDependsOnlyOnTheJdk,
                ArchitectureRules::adaptersDoNotDependOnEachOther,
                ArchitectureRules::coreDoesNotReadTheSystemClock,
                ArchitectureRules::servicesHoldOnlyPortsTheyUse);
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
