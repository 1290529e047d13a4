package beian.verify.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules-and-tests.md cites only tests that exist, and enough of them to be the real table. */
class RulesAndTestsDocTest {
    private static final Path ROOT = TestReferenceChecker.findRepositoryRoot(Path.of(""));
    private final TestReferenceChecker checker = new TestReferenceChecker(ROOT);

    @Test
    void everyTestTheDocumentCitesExists() throws IOException {
        String document = Files.readString(ROOT.resolve("docs/rules-and-tests.md"));

        assertThat(TestReferenceChecker.references(document))
                .as("Class#method references in docs/rules-and-tests.md")
                .hasSizeGreaterThanOrEqualTo(30);
        assertThat(checker.problems(document)).as("references that name no existing test").isEmpty();
    }

    @Test
    void theCheckerReportsAMissingClassAndAMissingMethod() {
        String markdown = """
                | rule | test |
                |---|---|
                | exists | `RulesAndTestsDocTest#everyTestTheDocumentCitesExists` |
                | no such class | `NoSuchTest#nothing` |
                | no such method | `RulesAndTestsDocTest#noSuchMethodAnywhere` |
                """;

        assertThat(TestReferenceChecker.references(markdown)).hasSize(3);
        assertThat(checker.problems(markdown))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("NoSuchTest#nothing"))
                .anySatisfy(p -> assertThat(p).startsWith("RulesAndTestsDocTest#noSuchMethodAnywhere"));
    }
}
