package beian.verify.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules, each built for a package root so that the same rule checks the real
 * code ({@code beian.verify}) and the violating fixtures ({@code beian.verify.archfixtures}).
 * Every rule fails on an empty import ({@code allowEmptyShould(false)}), so a wrong package name
 * cannot make it pass vacuously.
 */
final class ArchitectureRules {

    static final String ROOT = "beian.verify";
    static final List<String> ADAPTERS = List.of("rest", "grpc", "persistence", "sms");

    private ArchitectureRules() {
    }

    /** Rule 1: the core uses the JDK and itself, nothing else (no framework, no annotation). */
    static ArchRule coreDependsOnlyOnTheJdk(String root) {
        return classes().that().resideInAPackage(root + ".core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".core..")
                .allowEmptyShould(false)
                .as("classes in " + root + ".core.. depend only on java.. and " + root + ".core..");
    }

    /** Rule 2: adapters meet only through the core's ports. */
    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".adapters.(*)..")
                .should().notDependOnEachOther()
                .allowEmptyShould(false)
                .as("no adapter package (" + String.join(", ", ADAPTERS) + ") under " + root
                        + ".adapters depends on another");
    }

    /** Rule 3: the core takes time from its clock port, never from the system clock. */
    static ArchRule coreDoesNotReadTheSystemClock(String root) {
        return noClasses().that().resideInAPackage(root + ".core..")
                .should().accessTargetWhere(READS_SYSTEM_CLOCK)
                .allowEmptyShould(false)
                .as("no class in " + root + ".core.. reads the system clock (inject a clock instead)");
    }

    /**
     * Calls (and method references) that read the system clock. {@code now(Clock)} stays allowed:
     * that is the injected clock.
     */
    static final Set<String> SYSTEM_CLOCK_READS = systemClockReads();

    private static final DescribedPredicate<JavaAccess<?>> READS_SYSTEM_CLOCK =
            DescribedPredicate.describe("reads the system clock " + SYSTEM_CLOCK_READS,
                    access -> SYSTEM_CLOCK_READS.contains(access.getTarget().getFullName()));

    private static Set<String> systemClockReads() {
        Set<String> reads = new HashSet<>();
        reads.add("java.time.Instant.now()");
        for (Class<?> type : List.of(LocalDate.class, LocalDateTime.class, LocalTime.class,
                ZonedDateTime.class, OffsetDateTime.class, OffsetTime.class, Year.class, YearMonth.class)) {
            reads.add(type.getName() + ".now()");
            reads.add(type.getName() + ".now(java.time.ZoneId)");
        }
        reads.add("java.lang.System.currentTimeMillis()");
        reads.add("java.time.Clock.systemUTC()");
        reads.add("java.time.Clock.systemDefaultZone()");
        reads.add("java.time.Clock.system(java.time.ZoneId)");
        return Set.copyOf(reads);
    }

    /**
     * Leaves out test jars: core's {@code -tests.jar} (fakes and contract tests, which may use JUnit
     * and AssertJ) is on app's test classpath but is not production code.
     * {@link ImportOption.DoNotIncludeTests} only knows test-class directories.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar!/.*"));
        }
    }
}
