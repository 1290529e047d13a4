package beian.verify.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code `Class#method`} references of a document against the test sources of the repository,
 * so docs/rules-and-tests.md cannot cite a test that was renamed or deleted.
 */
final class TestReferenceChecker {
    /** A reference in backticks: a simple class name, '#', a method name. */
    private static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9_]*)#([a-z][A-Za-z0-9_]*)`");

    private final Path repositoryRoot;

    TestReferenceChecker(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
    }

    /** The nearest directory at or above {@code start} holding both pom.xml and docs/ (Surefire runs in the module). */
    static Path findRepositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with pom.xml and docs/ at or above " + start.toAbsolutePath());
    }

    /** Every distinct {@code Class#method} reference of the markdown, in order of appearance. */
    static List<String> references(String markdown) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = REFERENCE.matcher(markdown);
        while (m.find()) {
            found.add(m.group(1) + "#" + m.group(2));
        }
        return List.copyOf(found);
    }

    /** One line per reference that does not resolve to a declared method of a test source; empty when all do. */
    List<String> problems(String markdown) {
        List<String> problems = new ArrayList<>();
        for (String reference : references(markdown)) {
            String className = reference.substring(0, reference.indexOf('#'));
            String method = reference.substring(reference.indexOf('#') + 1);
            List<Path> sources = testSources(className);
            if (sources.isEmpty()) {
                problems.add(reference + ": no " + className + ".java under any */src/test/java");
            } else if (sources.stream().noneMatch(source -> declares(read(source), method))) {
                problems.add(reference + ": " + repositoryRoot.relativize(sources.get(0)) + " declares no method " + method);
            }
        }
        return problems;
    }

    private List<Path> testSources(String className) {
        String fileName = className + ".java";
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(repositoryRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(repositoryRoot) && (name.startsWith(".") || name.equals("target"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().equals(fileName)
                            && file.toString().replace('\\', '/').contains("/src/test/java/")) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean declares(String source, String method) {
        return Pattern.compile("void\\s+" + Pattern.quote(method) + "\\s*\\(").matcher(source).find();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
