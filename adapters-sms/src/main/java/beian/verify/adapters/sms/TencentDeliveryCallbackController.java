package beian.verify.adapters.sms;

import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryReport;
import beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryResult;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
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
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud SMS delivery reports (短信下发状态回调): Tencent POSTs a JSON array of reports, each naming
 * the message by {@code sid} (the SerialNo SendSms returned). Each becomes SMS_DELIVERED or SMS_UNDELIVERED
 * on its target; a report seen before is ignored (Tencent repeats callbacks it thinks were lost).
 */
@Controller("/callbacks/tencent")
@Requires(property = SmsCarrier.PROPERTY, value = "tencent")
final class TencentDeliveryCallbackController {
    private static final Logger LOG = LoggerFactory.getLogger(TencentDeliveryCallbackController.class);
    /** Tencent's {@code user_receive_time}, Beijing time. */
    private static final DateTimeFormatter RECEIVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final int MAX_REPORTS = 1000;
    static final int MAX_REASON = 200;
    static final int MAX_SID = 128;

    /** One report as Tencent sends it. */
    @Serdeable
    record TencentDeliveryReport(
            @JsonProperty("user_receive_time") @Nullable String userReceiveTime,
            @JsonProperty("nationcode") @Nullable String nationCode,
            @JsonProperty("mobile") @Nullable String mobile,
            @JsonProperty("report_status") @Nullable String reportStatus,
            @JsonProperty("errmsg") @Nullable String errmsg,
            @JsonProperty("description") @Nullable String description,
            @JsonProperty("sid") @Nullable String sid) {
        @Override
        public String toString() {
            return "TencentDeliveryReport[" + sid + ", " + reportStatus + "]"; // never the phone
        }
    }

    /** The answer Tencent expects: {@code {"result":0,"errmsg":"OK"}}. */
    @Serdeable
    record CallbackAnswer(int result, String errmsg) {
    }

    private final RecordDeliveryUseCase deliveries;
    private final TencentSmsProperties properties;

    TencentDeliveryCallbackController(RecordDeliveryUseCase deliveries, TencentSmsProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @Post(uri = "/sms-status", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING) // each report is a database transaction
    HttpResponse<CallbackAnswer> report(@Body List<TencentDeliveryReport> reports, @Nullable @QueryValue String token) {
        if (!tokenAccepted(token)) {
            return HttpResponse.<CallbackAnswer>status(HttpStatus.UNAUTHORIZED)
                    .body(new CallbackAnswer(1, "token: missing or wrong"));
        }
        String invalid = firstInvalid(reports);
        if (invalid != null) {
            return HttpResponse.badRequest(new CallbackAnswer(1, invalid));
        }
        Map<DeliveryResult, Integer> counts = new EnumMap<>(DeliveryResult.class);
        for (TencentDeliveryReport r : reports) {
            DeliveryResult result = deliveries.record(new DeliveryReport(r.sid().strip(),
                    "SUCCESS".equals(r.reportStatus()), reason(r), receivedAt(r.userReceiveTime())));
            counts.merge(result, 1, Integer::sum);
            if (result == DeliveryResult.UNKNOWN) {
                LOG.warn("Tencent delivery report for unknown sid {}", r.sid().replaceAll("\\p{Cntrl}", "?"));
            }
        }
        LOG.info("Tencent delivery reports: {}", counts);
        return HttpResponse.ok(new CallbackAnswer(0, "OK"));
    }

    private boolean tokenAccepted(String token) {
        String expected = properties.getCallbackToken();
        if (expected == null || expected.isBlank()) {
            return true;
        }
        return token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole callback is refused when one report is malformed, so nothing half-recorded is left. */
    private static String firstInvalid(List<TencentDeliveryReport> reports) {
        if (reports == null) {
            return "body: a JSON array of reports is required";
        }
        if (reports.size() > MAX_REPORTS) {
            return "body: at most " + MAX_REPORTS + " reports per callback";
        }
        for (int i = 0; i < reports.size(); i++) {
            TencentDeliveryReport r = reports.get(i);
            if (r == null) {
                return "[" + i + "]: a report object is required";
            }
            if (r.sid() == null || r.sid().isBlank() || r.sid().length() > MAX_SID) {
                return "[" + i + "].sid: required, at most " + MAX_SID + " characters";
            }
            if (!"SUCCESS".equals(r.reportStatus()) && !"FAIL".equals(r.reportStatus())) {
                return "[" + i + "].report_status: must be SUCCESS or FAIL";
            }
        }
        return null;
    }

    /** The carrier's words (status code and description), bounded and printable only. */
    private static String reason(TencentDeliveryReport r) {
        String words = (r.errmsg() == null ? "" : r.errmsg()) + (r.description() == null ? "" : " " + r.description());
        String clean = words.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_REASON ? clean.substring(0, MAX_REASON) : clean;
    }

    /** When the phone got it; unreadable or absent is "now" (the core's choice). */
    private static Instant receivedAt(String userReceiveTime) {
        if (userReceiveTime == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(userReceiveTime.strip(), RECEIVE_TIME).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
