package beian.verify.adapters.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The REST adapter's own wire model: domain objects never go over the wire. */
final class RestModel {
    private RestModel() {
    }

    @Serdeable
    @Schema(name = "Province", description = "A province and whether SMS verification applies to it")
    record ProvinceResponse(
            @Schema(description = "ISO 3166-2:CN subdivision code without CN-", example = "TJ") String code,
            @Schema(example = "天津") String name,
            @Nullable @Schema(description = "the province's verification platform host", example = "tjcainfo.miitbeian.gov.cn") String platformHost,
            @Nullable @Schema(description = "from when SMS verification applies; absent: it does not") Instant smsVerificationSince) {
    }

    @Serdeable
    @Schema(name = "Captcha", description = "A picture captcha: single use, expiring")
    record CaptchaResponse(
            @Schema(description = "pass back as captchaId") String captchaId,
            @Schema(description = "the picture, PNG, base64") String imagePng,
            Instant expiresAt) {
    }

    @Serdeable
    @Schema(name = "VerificationRequest", description = "备案短信核验: the code, the phone, the ID tail and the captcha")
    record VerificationRequest(
            @Nullable @Schema(description = "11-digit mainland mobile number", example = "13800000001") String phone,
            @Nullable @Schema(description = "last six characters of the ID number", example = "12345X") String idTail,
            @Nullable @Schema(description = "the 6-digit code of the SMS", example = "123456") String code,
            @Nullable String captchaId,
            @Nullable String captchaAnswer) {
        @Override
        public String toString() {
            return "VerificationRequest[***]";
        }
    }

    @Serdeable
    @Schema(name = "VerificationResponse")
    record VerificationResponse(
            // type given: without it the OpenAPI processor reads "VERIFIED" as JSON and warns at every build
            @Schema(type = "string", allowableValues = "VERIFIED") String result,
            @Schema(description = "targets of the same application still to verify") int pendingTargets,
            @Schema(example = "READY_FOR_REVIEW") String applicationStatus,
            @Schema(description = "the page's sentence") String message) {
    }

    @Serdeable
    @Schema(name = "ResendRequest", description = "短信重发: the phone, the ID tail and the captcha")
    record ResendRequest(
            @Nullable @Schema(example = "13800000001") String phone,
            @Nullable @Schema(example = "12345X") String idTail,
            @Nullable String captchaId,
            @Nullable String captchaAnswer) {
        @Override
        public String toString() {
            return "ResendRequest[***]";
        }
    }

    @Serdeable
    @Schema(name = "ResendResponse")
    record ResendResponse(@Schema(example = "您的短信已发送成功") String message) {
    }

    /** RFC 9457 problem details, with the stable error code and the field at fault. */
    @Serdeable
    @Schema(name = "Problem", description = "application/problem+json (RFC 9457)")
    record Problem(
            @Schema(example = "about:blank") String type,
            String title,
            int status,
            @Schema(description = "what a person can act on, Chinese first") String detail,
            @Schema(description = "the stable error code", example = "RECORD_NOT_FOUND") String code,
            @Nullable @Schema(description = "the request field at fault (INVALID_ARGUMENT)") String field) {
    }
}
