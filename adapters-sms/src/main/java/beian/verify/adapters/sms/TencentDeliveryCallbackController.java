package beian.verify.adapters.sms;

import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.in.RecordDeliveryUseCase.DeliveryReport;
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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud SMS delivery reports (短信下发状态回调): Tencent POSTs a JSON array of reports, each naming
 * the message by {@code sid} (the SerialNo SendSms returned). Each becomes SMS_DELIVERED or SMS_UNDELIVERED
 * on its target; a report seen before is ignored (Tencent repeats callbacks it thinks were lost).
 */
@Controller("/callbacks/tencent")
@Requires(condition = SmsCarrier.TencentSelected.class)
final class TencentDeliveryCallbackController {
    private static final Logger LOG = LoggerFactory.getLogger(TencentDeliveryCallbackController.class);

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
        if (!DeliveryCallbacks.tokenAccepted(properties.getCallbackToken(), token)) {
            return HttpResponse.<CallbackAnswer>status(HttpStatus.UNAUTHORIZED)
                    .body(new CallbackAnswer(1, "token: missing or wrong"));
        }
        String invalid = firstInvalid(reports);
        if (invalid != null) {
            return HttpResponse.badRequest(new CallbackAnswer(1, invalid));
        }
        // user_receive_time: when the phone got it, Beijing time
        DeliveryCallbacks.record(deliveries, reports.stream().map(r -> new DeliveryReport(r.sid().strip(),
                "SUCCESS".equals(r.reportStatus()), DeliveryCallbacks.reason(r.errmsg(), r.description()),
                DeliveryCallbacks.beijing(r.userReceiveTime()))).toList(), "Tencent", LOG);
        return HttpResponse.ok(new CallbackAnswer(0, "OK"));
    }

    /** The whole callback is refused when one report is malformed, so nothing half-recorded is left. */
    private static String firstInvalid(List<TencentDeliveryReport> reports) {
        String batch = DeliveryCallbacks.batchProblem(reports);
        if (batch != null) {
            return batch;
        }
        for (int i = 0; i < reports.size(); i++) {
            TencentDeliveryReport r = reports.get(i);
            if (r == null) {
                return "[" + i + "]: a report object is required";
            }
            String reference = DeliveryCallbacks.referenceProblem(i, "sid", r.sid());
            if (reference != null) {
                return reference;
            }
            if (!"SUCCESS".equals(r.reportStatus()) && !"FAIL".equals(r.reportStatus())) {
                return "[" + i + "].report_status: must be SUCCESS or FAIL";
            }
        }
        return null;
    }
}
