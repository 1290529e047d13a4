package beian.verify.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static beian.verify.app.architecture.ArchitectureRules.ADAPTERS;
import static beian.verify.app.architecture.ArchitectureRules.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/** The architecture rules, applied to the production classes (main code of every module). */
class ArchitectureTest {

    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(new ArchitectureRules.DoNotIncludeTestJars())
                .importPackages(ROOT);
    }

    @Test
    void importSeesTheCoreAndEveryAdapter() {
        // Guards against a rule passing because it was handed too few classes.
        assertThat(productionClasses.stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + ".core.")))
                .as("core classes imported").isTrue();
        for (String adapter : ADAPTERS) {
            assertThat(productionClasses.stream()
                    .anyMatch(c -> c.getPackageName().startsWith(ROOT + ".adapters." + adapter)))
                    .as("classes of adapter %s imported", adapter).isTrue();
        }
        assertThat(productionClasses.stream().noneMatch(c -> c.getPackageName().startsWith(ROOT + ".archfixtures")))
                .as("test fixtures left out").isTrue();
    }

    @Test
    void coreDependsOnlyOnTheJdk() {
        ArchitectureRules.coreDependsOnlyOnTheJdk(ROOT).check(productionClasses);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        ArchitectureRules.adaptersDoNotDependOnEachOther(ROOT).check(productionClasses);
    }

    @Test
    void coreDoesNotReadTheSystemClock() {
        ArchitectureRules.coreDoesNotReadTheSystemClock(ROOT).check(productionClasses);
    }

    @Test
    void servicesHoldOnlyPortsTheyUse() {
        ArchitectureRules.servicesHoldOnlyPortsTheyUse(ROOT).check(productionClasses);
    }

    @Test
    void coreNamesNoProtocol() {
        ArchitectureRules.coreNamesNoProtocol(ROOT).check(productionClasses);
    }
}
