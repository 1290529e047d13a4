package beian.verify.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Random and hostile text for any input, reproducible from a seed: empty and blank, huge,
 * control characters, other scripts and emoji, numbers at the edges, markup and script, JSON
 * inside strings, lone surrogates, and random strings over the whole of Unicode.
 */
public final class HostileValues {
    /** Values every run tries: the edges found by hand. */
    public static final List<String> EDGES = List.of("", " ", "\t\n", "null", "NULL", "undefined", "0", "-1",
            "2147483648", "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "1380000000\u0000",
            "13800000001 ", "１３８００００００01", "١٣٨٠٠٠٠٠٠٠١", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "{\"phone\":\"13800000001\"}", "[[[[[[[[[[]]]]]]]]]]",
            "'; DROP TABLE application; --", "../../etc/passwd", "\uD83D\uDE00\uD83D\uDE00", "\uFEFF13800000001",
            "\u202E13800000001", "xn--", "例子.中国", "-.cn", "a..cn", "CN-TJ", "cn-tj", "TJ\u0000", "00000X", "x",
            "\uD800", "\uDC00abc", "11010519491231002X", "a".repeat(70_000), "\u0000".repeat(64));

    private HostileValues() {
    }

    /** The edges, then {@code count} random values from {@code seed}. */
    public static Stream<String> text(long seed, int count) {
        Random random = new Random(seed);
        List<String> values = new ArrayList<>(EDGES);
        for (int i = 0; i < count; i++) {
            values.add(one(random));
        }
        return values.stream();
    }

    /** The value as a test report can show it: escaped, and cut when long. */
    public static String printable(String value) {
        StringBuilder s = new StringBuilder("\"");
        value.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.FORMAT) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        s.append('"');
        if (value.length() > 60) {
            s.append(" (").append(value.length()).append(" chars)");
        }
        return s.toString();
    }

    /** One random value of one of the hostile kinds. */
    public static String one(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> chars(random, 0, Character.MAX_CODE_POINT, random.nextInt(80));
            case 1 -> chars(random, 0, 0x1f, random.nextInt(20));
            case 2 -> chars(random, 0x4e00, 0x9fff, random.nextInt(40));
            case 3 -> chars(random, '0', '9', random.nextInt(30));
            case 4 -> chars(random, 0x20, 0x7e, 5_000 + random.nextInt(65_000));
            default -> EDGES.get(random.nextInt(EDGES.size())) + chars(random, 0x20, 0x7e, random.nextInt(8));
        };
    }

    private static String chars(Random random, int from, int to, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(from + random.nextInt(to - from + 1));
        }
        return s.toString();
    }
}
