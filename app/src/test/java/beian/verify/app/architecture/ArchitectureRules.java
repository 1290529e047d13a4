package beian.verify.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess.AccessType;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

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
import java.util.Optional;
import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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
     * Rule 4: a service holds only the outbound ports it uses ("one use case, one room"). Every
     * non-static field of a class in {@code core.service} whose type is an interface in a
     * {@code ..port.out..} package must be read by a method of that class (or of a class nested in
     * it); a constructor storing or touching it does not count.
     */
    static ArchRule servicesHoldOnlyPortsTheyUse(String root) {
        return classes().that().resideInAPackage(root + ".core.service..")
                .should(readEveryOutboundPortFieldInAMethod())
                .allowEmptyShould(false)
                .as("classes in " + root + ".core.service.. hold only outbound ports (..port.out.. interfaces)"
                        + " that one of their methods reads");
    }

    private static final DescribedPredicate<JavaClass> OUTBOUND_PORT = resideInAPackage("..port.out..");

    private static ArchCondition<JavaClass> readEveryOutboundPortFieldInAMethod() {
        return new ArchCondition<>("read every outbound port field in a method other than a constructor") {
            @Override
            public void check(JavaClass service, ConditionEvents events) {
                for (JavaField field : service.getFields()) {
                    JavaClass type = field.getRawType();
                    if (field.getModifiers().contains(JavaModifier.STATIC)
                            || !type.isInterface() || !OUTBOUND_PORT.test(type)) {
                        continue;
                    }
                    boolean read = field.getAccessesToSelf().stream()
                            .anyMatch(access -> access.getAccessType() == AccessType.GET
                                    && access.getOrigin() instanceof JavaMethod
                                    && isSelfOrNestedIn(access.getOriginOwner(), service));
                    if (!read) {
                        events.add(SimpleConditionEvent.violated(field, service.getName()
                                + " holds the port " + type.getName() + " in field '" + field.getName()
                                + "' that none of its methods reads (only a constructor touches it)"));
                    }
                }
            }
        };
    }

    private static boolean isSelfOrNestedIn(JavaClass candidate, JavaClass outer) {
        for (Optional<JavaClass> c = Optional.of(candidate); c.isPresent(); c = c.get().getEnclosingClass()) {
            if (c.get().equals(outer)) {
                return true;
            }
        }
        return false;
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
