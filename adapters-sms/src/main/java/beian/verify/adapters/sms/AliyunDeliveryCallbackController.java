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
 * Alibaba Cloud SMS delivery reports (SmsReport, HTTP batch push mode, 回执消息 HTTP批量推送): Alibaba POSTs a JSON
 * array of reports, each naming the message by {@code biz_id} (the BizId SendSms returned). Each becomes
 * SMS_DELIVERED or SMS_UNDELIVERED on its target; a report seen before is ignored (Alibaba says its receipts
 * are not idempotent, and it pushes again after 1, 5 and 10 minutes when it did not get a 200). The push
 * carries no signature, so the receiving URL carries a token ({@code beian.sms.aliyun.callback-token}).
 */
@Controller("/callbacks/aliyun")
@Requires(condition = SmsCarrier.AliyunSelected.class)
final class AliyunDeliveryCallbackController {
    private static final Logger LOG = LoggerFactory.getLogger(AliyunDeliveryCallbackController.class);

    /** One report as Alibaba sends it. */
    @Serdeable
    record AliyunDeliveryReport(
            @JsonProperty("phone_number") @Nullable String phoneNumber,
            @JsonProperty("send_time") @Nullable String sendTime,
            @JsonProperty("report_time") @Nullable String reportTime,
            @JsonProperty("success") @Nullable Boolean success,
            @JsonProperty("err_code") @Nullable String errCode,
            @JsonProperty("err_msg") @Nullable String errMsg,
            @JsonProperty("sms_size") @Nullable String smsSize,
            @JsonProperty("biz_id") @Nullable String bizId,
            @JsonProperty("out_id") @Nullable String outId) {
        @Override
        public String toString() {
            return "AliyunDeliveryReport[" + bizId + ", " + success + "]"; // never the phone
        }
    }

    /** The answer Alibaba expects: {@code {"code":0,"msg":"接收成功"}} with HTTP 200. */
    @Serdeable
    record CallbackAnswer(int code, String msg) {
    }

    private final RecordDeliveryUseCase deliveries;
    private final AliyunSmsProperties properties;

    AliyunDeliveryCallbackController(RecordDeliveryUseCase deliveries, AliyunSmsProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @Post(uri = "/sms-report", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING) // each report is a database transaction
    HttpResponse<CallbackAnswer> report(@Body List<AliyunDeliveryReport> reports, @Nullable @QueryValue String token) {
        if (!DeliveryCallbacks.tokenAccepted(properties.getCallbackToken(), token)) {
            return HttpResponse.<CallbackAnswer>status(HttpStatus.UNAUTHORIZED).body(new CallbackAnswer(1, "token: missing or wrong"));
        }
        String invalid = firstInvalid(reports);
        if (invalid != null) {
            return HttpResponse.badRequest(new CallbackAnswer(1, invalid));
        }
        // report_time: when the operator reported, Beijing time
        DeliveryCallbacks.record(deliveries, reports.stream().map(r -> new DeliveryReport(r.bizId().strip(), r.success(),
                DeliveryCallbacks.reason(r.errCode(), r.errMsg()), DeliveryCallbacks.beijing(r.reportTime()))).toList(),
                "Aliyun", LOG);
        return HttpResponse.ok(new CallbackAnswer(0, "接收成功"));
    }

    /** The whole push is refused when one report is malformed, so nothing half-recorded is left. */
    private static String firstInvalid(List<AliyunDeliveryReport> reports) {
        String batch = DeliveryCallbacks.batchProblem(reports);
        if (batch != null) {
            return batch;
        }
        for (int i = 0; i < reports.size(); i++) {
            AliyunDeliveryReport r = reports.get(i);
            if (r == null) {
                return "[" + i + "]: a report object is required";
            }
            String reference = DeliveryCallbacks.referenceProblem(i, "biz_id", r.bizId());
            if (reference != null) {
                return reference;
            }
            if (r.success() == null) {
                return "[" + i + "].success: required, true or false";
            }
        }
        return null;
    }
}
