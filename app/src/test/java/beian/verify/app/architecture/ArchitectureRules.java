package beian.verify.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess.AccessType;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.Source;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
     * Rule 5: the core names no protocol. Its string literals hold no wire field path
     * ({@code request_id}, {@code websites[0].principal.id_number}, {@code idTail},
     * {@code "page_size: ..."}), no HTTP status and no page wording (Chinese text), and it depends
     * on no HTTP type. Only {@code core.domain.ProvinceCatalog} may hold Chinese text: official
     * province names are domain data. Literals are read from the class files
     * ({@link ClassFileStrings}); a concatenation's recipe is checked piece by piece.
     */
    static ArchRule coreNamesNoProtocol(String root) {
        return classes().that().resideInAPackage(root + ".core..")
                .should(nameNoProtocol(root + ".core.domain.ProvinceCatalog"))
                .allowEmptyShould(false)
                .as("classes in " + root + ".core.. name no protocol (wire field path, HTTP status,"
                        + " page wording, HTTP type)");
    }

    static final String WIRE_PATH = "wire field path";
    static final String WIRE_PATH_PREFIX = "wire field path prefix";
    static final String HTTP_STATUS = "HTTP status";
    static final String PAGE_WORDING = "page wording (Chinese text)";
    static final String HTTP_DEPENDENCY = "HTTP dependency";

    private static final String SEGMENT = "[a-z][a-zA-Z0-9_]*(?:\\[\\d*\\])?";
    private static final String PATH = SEGMENT + "(?:\\." + SEGMENT + ")*";
    private static final Pattern IDENTIFIER_PATH = Pattern.compile(PATH);
    /** What makes an identifier path a wire path rather than an ordinary word: snake_case, camelCase, dots, indexes. */
    private static final Pattern PATH_MARK = Pattern.compile("[_A-Z.\\[]");
    /**
     * A host name such as {@code tjcainfo.miitbeian.gov.cn} (a province's verification platform, domain
     * data) is dotted like a path but names no field.
     */
    private static final Pattern HOST_NAME = Pattern.compile("(?:[a-z0-9-]+\\.)+(?:cn|com|net|org)");
    private static final Pattern PATH_THEN_TEXT = Pattern.compile("(" + PATH + "): .*", Pattern.DOTALL);
    /** A label that a concatenation puts before a value: {@code "province: " + value}. */
    private static final Pattern PATH_LABEL = Pattern.compile("[\\s,;(]*" + PATH + ": ");
    private static final Pattern HTTP_WORD = Pattern.compile("(?is).*\\bHTTP\\b.*");
    private static final Pattern STATUS_CODE = Pattern.compile("[1-5]\\d\\d");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** Where a concatenation recipe takes a value (U+0001) or a constant (U+0002). */
    private static final Pattern RECIPE_HOLE = Pattern.compile("[\\u0001\\u0002]");

    /** The protocol kinds a string literal names, empty if none. Package-private for the fixture test. */
    static Set<String> protocolKinds(String literal, boolean chineseAllowed) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String piece : RECIPE_HOLE.split(literal, -1)) {
            if (IDENTIFIER_PATH.matcher(piece).matches() && PATH_MARK.matcher(piece).find()
                    && !HOST_NAME.matcher(piece).matches()) {
                kinds.add(WIRE_PATH);
            }
            var pathThenText = PATH_THEN_TEXT.matcher(piece);
            if ((pathThenText.matches() && PATH_MARK.matcher(pathThenText.group(1)).find())
                    || PATH_LABEL.matcher(piece).matches()) {
                kinds.add(WIRE_PATH_PREFIX);
            }
            if (HTTP_WORD.matcher(piece).matches() || STATUS_CODE.matcher(piece.strip()).matches()) {
                kinds.add(HTTP_STATUS);
            }
        }
        if (!chineseAllowed && HAN.matcher(literal).find()) {
            kinds.add(PAGE_WORDING);
        }
        return kinds;
    }

    private static ArchCondition<JavaClass> nameNoProtocol(String chineseAllowedIn) {
        return new ArchCondition<>("name no protocol") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean chineseAllowed = type.getName().equals(chineseAllowedIn);
                Set<String> recordComponents = recordComponentNames(type);
                Set<String> ownFields = instanceFieldNames(type);
                for (String literal : stringLiterals(type)) {
                    if (!recordComponents.isEmpty()
                            && recordComponents.equals(new HashSet<>(Arrays.asList(literal.split(";", -1))))) {
                        continue; // javac's names argument for the record's toString/equals/hashCode
                    }
                    if (ownFields.contains(literal)) {
                        continue; // a null check naming the class's own Java field, e.g. requireNonNull(expiresAt, "expiresAt")
                    }
                    for (String kind : protocolKinds(literal, chineseAllowed)) {
                        events.add(SimpleConditionEvent.violated(type, type.getName() + " names a protocol: "
                                + kind + " in string literal \"" + printable(literal) + "\""));
                    }
                }
                Set<String> httpTypes = new TreeSet<>();
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.getSimpleName().contains("Http") || target.getPackageName().startsWith("java.net.http")) {
                        httpTypes.add(target.getName());
                    }
                }
                for (String httpType : httpTypes) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " names a protocol: "
                            + HTTP_DEPENDENCY + " on " + httpType));
                }
            }
        };
    }

    private static Set<String> stringLiterals(JavaClass type) {
        Source source = type.getSource().orElseThrow(
                () -> new IllegalStateException("no class file known for " + type.getName()));
        return ClassFileStrings.of(source.getUri());
    }

    /** The component names of a record (its instance fields), empty for any other class. */
    private static Set<String> recordComponentNames(JavaClass type) {
        if (!type.getRawSuperclass().map(s -> s.getName().equals("java.lang.Record")).orElse(false)) {
            return Set.of();
        }
        return instanceFieldNames(type);
    }

    private static Set<String> instanceFieldNames(JavaClass type) {
        return type.getFields().stream()
                .filter(f -> !f.getModifiers().contains(JavaModifier.STATIC))
                .map(JavaField::getName)
                .collect(Collectors.toSet());
    }

    private static String printable(String literal) {
        return literal.replace("\u0001", "\\u0001").replace("\u0002", "\\u0002")
                .replace("\n", "\\n").replace("\r", "\\r");
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
