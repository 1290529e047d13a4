package beian.verify.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/operations.md lists every migration the service ships, and none it does not (issue 19: it listed 5 of 9). */
class OperationsDocTest {
    private static final Path ROOT = TestReferenceChecker.findRepositoryRoot(Path.of(""));
    private static final Path MIGRATIONS = ROOT.resolve("adapters-persistence/src/main/resources/db/migration");
    private static final Pattern MIGRATION = Pattern.compile("V\\d+__[A-Za-z0-9_]+\\.sql");

    static List<String> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> MIGRATION.matcher(n).matches()).sorted().toList();
        }
    }

    /** The files the document does not name in backticks. */
    static List<String> unlisted(String document, List<String> files) {
        return files.stream().filter(f -> !document.contains("`" + f + "`")).toList();
    }

    /** The migration files the document names that do not exist. */
    static List<String> named(String document) {
        Matcher m = MIGRATION.matcher(document);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void everyMigrationFileIsListedInOperationsMdAndEveryListedOneExists() throws IOException {
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        List<String> files = migrationFiles();

        assertThat(files).as("the migrations shipped").hasSizeGreaterThanOrEqualTo(10);
        assertThat(unlisted(operations, files)).as("migration files docs/operations.md does not list").isEmpty();
        assertThat(named(operations)).as("migrations docs/operations.md names").allSatisfy(f ->
                assertThat(MIGRATIONS.resolve(f)).as(f).exists());
    }

    @Test
    void theCheckReportsAFileTheDocumentDoesNotList() {
        String document = "| `V1__schema.sql` | the tables |\n| `V3__gone.sql` | |\n";

        assertThat(unlisted(document, List.of("V1__schema.sql", "V2__event_stream_counters.sql")))
                .containsExactly("V2__event_stream_counters.sql");
        assertThat(named(document)).containsExactly("V1__schema.sql", "V3__gone.sql");
    }
}
