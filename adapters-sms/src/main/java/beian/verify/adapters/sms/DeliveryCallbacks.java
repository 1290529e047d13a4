package beian.verify.adapters.sms;

import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryReport;
import beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** What every carrier's delivery-report callback does the same way, once the carrier's format is read. */
final class DeliveryCallbacks {
    static final int MAX_REPORTS = 1000;
    static final int MAX_REASON = 200;
    static final int MAX_REFERENCE = 128;
    /** Both Chinese carriers write report times as Beijing wall-clock time. */
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private DeliveryCallbacks() {
    }

    /** No token configured: anyone; else exactly the token, compared in constant time. */
    static boolean tokenAccepted(String expected, String given) {
        if (expected == null || expected.isBlank()) {
            return true;
        }
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Why the batch as a whole is refused, or null; each report is then checked by the carrier's own reader. */
    static String batchProblem(List<?> reports) {
        if (reports == null) {
            return "body: a JSON array of reports is required";
        }
        if (reports.size() > MAX_REPORTS) {
            return "body: at most " + MAX_REPORTS + " reports per callback";
        }
        return null;
    }

    /** Why the reference is unusable, or null. */
    static String referenceProblem(int index, String field, String reference) {
        if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE) {
            return "[" + index + "]." + field + ": required, at most " + MAX_REFERENCE + " characters";
        }
        return null;
    }

    /** The carrier's words (status code and description), bounded and printable only. */
    static String reason(String code, String description) {
        String words = (code == null ? "" : code) + (description == null ? "" : " " + description);
        String clean = words.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_REASON ? clean.substring(0, MAX_REASON) : clean;
    }

    /** A Beijing wall-clock time; unreadable or absent is null ("now", the core's choice). */
    static Instant beijing(String time) {
        if (time == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(time.strip(), WALL_CLOCK).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Records each report (the core ignores one it has seen) and logs the counts, naming unknown references. */
    static void record(RecordDeliveryUseCase deliveries, List<DeliveryReport> reports, String carrier, Logger log) {
        Map<DeliveryResult, Integer> counts = new EnumMap<>(DeliveryResult.class);
        for (DeliveryReport report : reports) {
            DeliveryResult result = deliveries.record(report);
            counts.merge(result, 1, Integer::sum);
            if (result == DeliveryResult.UNKNOWN) {
                log.warn("{} delivery report for unknown reference {}", carrier,
                        report.carrierReference().replaceAll("\\p{Cntrl}", "?"));
            }
        }
        log.info("{} delivery reports: {}", carrier, counts);
    }
}
