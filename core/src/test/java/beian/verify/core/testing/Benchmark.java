package beian.verify.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A measurement that prints {@code BENCHMARK} lines rather than checking a behaviour: JUnit tag
 * {@code benchmark}, left out of the default test run and run alone by the root pom's {@code bench}
 * profile ({@code ./mvnw -B -Pbench verify}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Benchmark.TAG)
public @interface Benchmark {
    String TAG = "benchmark";
}
