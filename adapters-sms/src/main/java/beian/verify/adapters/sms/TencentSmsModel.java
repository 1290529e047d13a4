package beian.verify.adapters.sms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The wire model of Tencent Cloud SMS SendSms, API version 2021-01-11 (only the fields this adapter uses). */
final class TencentSmsModel {
    private TencentSmsModel() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendSmsRequest(
            @JsonProperty("PhoneNumberSet") List<String> phoneNumberSet,
            @JsonProperty("SmsSdkAppId") String smsSdkAppId,
            @JsonProperty("SignName") String signName,
            @JsonProperty("TemplateId") String templateId,
            @JsonProperty("TemplateParamSet") List<String> templateParamSet,
            @JsonProperty("SessionContext") String sessionContext) {
    }

    @Serdeable
    record SendSmsEnvelope(@JsonProperty("Response") SendSmsResponse response) {
    }

    @Serdeable
    record SendSmsResponse(
            @JsonProperty("SendStatusSet") List<SendStatus> sendStatusSet,
            @JsonProperty("Error") ApiError error,
            @JsonProperty("RequestId") String requestId) {
    }

    @Serdeable
    record SendStatus(
            @JsonProperty("SerialNo") String serialNo,
            @JsonProperty("PhoneNumber") String phoneNumber,
            @JsonProperty("Code") String code,
            @JsonProperty("Message") String message,
            @JsonProperty("SessionContext") String sessionContext) {
    }

    @Serdeable
    record ApiError(@JsonProperty("Code") String code, @JsonProperty("Message") String message) {
    }
}
