package beian.verify.adapters.sms;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The wire model of Alibaba Cloud SMS SendSms, API version 2017-05-25 (only the fields this adapter uses). */
final class AliyunSmsModel {
    private AliyunSmsModel() {
    }

    /** SendSms's answer: {@code Code} is {@code OK} when the message was taken, {@code BizId} names it in receipts. */
    @Serdeable
    record SendSmsResponse(
            @JsonProperty("Code") String code,
            @JsonProperty("Message") String message,
            @JsonProperty("BizId") String bizId,
            @JsonProperty("RequestId") String requestId) {
    }

    /** The template's variables, as the JSON of {@code TemplateParam}. */
    @Serdeable
    record TemplateParam(@JsonProperty("code") String code, @JsonProperty("deadline") String deadline,
                         @JsonProperty("host") String host) {
    }
}
