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
    @Schema(name = "ProofOfWork", description = "A captcha that needs no sight: a proof of work (ALTCHA's scheme), "
            + "single use, expiring")
    record ProofOfWorkResponse(
            @Schema(description = "pass back as captchaId, with the number found as captchaAnswer") String captchaId,
            @Schema(allowableValues = "SHA-256") String algorithm,
            @Schema(description = "hashed in front of the number", example = "q3Xo0vLwTnqE2b_Z") String salt,
            @Schema(description = "lowercase hex of SHA-256(salt + n), n in decimal") String challenge,
            @Schema(description = "n lies between 0 and this, both included", example = "1000000") int maxNumber,
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
            @Nullable @Schema(description = "the request field at fault (INVALID_ARGUMENT)") String field,
            @Nullable @Schema(description = "429 whose wait is known: whole seconds until a retry may succeed (rounded"
                    + " up, at least 1), as the Retry-After header says; absent when the wait is unknown, or when the"
                    + " refusal will never end (RESEND_TOO_FREQUENT with the target's resends used up)",
                    example = "59") Long retryAfterSeconds) {
        Problem(String type, String title, int status, String detail, String code, String field) {
            this(type, title, status, detail, code, field, null);
        }
    }
}
