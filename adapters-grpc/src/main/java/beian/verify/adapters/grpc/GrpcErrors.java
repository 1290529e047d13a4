package beian.verify.adapters.grpc;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.out.StorageUnavailableException;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC adapter's one translator of refusals and failures into statuses: the gRPC code of
 * API.md, the stable code as the reason of a {@code google.rpc.ErrorInfo} in the details and at the
 * start of the message, the field for INVALID_ARGUMENT, the wait (RetryInfo) where it is known. Nothing else
 * reaches the client: an
 * unexpected exception becomes INTERNAL with an id that the log line carries too.
 */
final class GrpcErrors {
    /** The ErrorInfo domain: whose error codes these are. */
    static final String DOMAIN = "beian.verify";
    /** Reasons of refusals that are not the core's (credentials). */
    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    static final String INTERNAL = "INTERNAL";
    /** The database cannot be reached: the caller should retry (nothing was written). */
    static final String UNAVAILABLE = "UNAVAILABLE";

    private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    /**
     * The guidance of the source for a transfer whose phone differs from the filed record, Chinese
     * first, as the access provider passes it on to its customer.
     */
    static final String TRANSFER_GUIDANCE = "网站负责人手机号码与备案成功信息不符：请先到原接入服务商变更负责人手机号码，再提交转入备案；"
            + "如无法联系原接入服务商，只能注销备案后重新提交新增网站。";

    /**
     * The status of a use case's refusal; one whose wait is known (a RESOURCE_EXHAUSTED until a limit's window
     * ends) carries it as a {@code google.rpc.RetryInfo} beside the ErrorInfo.
     */
    static StatusRuntimeException of(Failure failure) {
        String field = failure.field() == null ? null : GrpcFieldPaths.of(failure.field());
        return status(codeOf(failure.code()), failure.code().name(), field, message(failure, field),
                failure.retryAfter().map(GrpcErrors::retryInfo).orElse(null));
    }

    /** The wait in whole seconds, rounded up (at least 1), as the REST adapter's Retry-After says it. */
    static RetryInfo retryInfo(Duration wait) {
        long seconds = Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
        return RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(seconds)).build();
    }

    /** The message of a refusal: the field it concerns, and the reason (for a transfer, the source's guidance first). */
    static String message(Failure failure, String field) {
        String reason = failure.code() == ErrorCode.TRANSFER_PHONE_MISMATCH
                ? TRANSFER_GUIDANCE + " (" + failure.reason() + ")"
                : failure.reason();
        return field == null || failure.code() != ErrorCode.INVALID_ARGUMENT ? reason : field + ": " + reason;
    }

    /** An unexpected failure: logged with an id; the client gets INTERNAL and the same id, nothing more. */
    static StatusRuntimeException unexpected(String method, Throwable error) {
        if (error instanceof StatusRuntimeException already) {
            return already;
        }
        if (error instanceof StorageUnavailableException unavailable) {
            LOG.warn("gRPC {}: answered UNAVAILABLE, {}", method, unavailable.getMessage());
            return status(Code.UNAVAILABLE, UNAVAILABLE, null, "storage unavailable; retry shortly");
        }
        String id = UUID.randomUUID().toString();
        LOG.error("gRPC {} failed unexpectedly, error id {}", method, id, error);
        return status(Code.INTERNAL, INTERNAL, null, "internal error, id " + id);
    }

    static StatusRuntimeException unauthenticated(String message) {
        return status(Code.UNAUTHENTICATED, UNAUTHENTICATED, null, message);
    }

    static StatusRuntimeException permissionDenied(String message) {
        return status(Code.PERMISSION_DENIED, PERMISSION_DENIED, null, message);
    }

    static StatusRuntimeException invalid(String field, String message) {
        return status(Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT.name(), field, field + ": " + message);
    }

    /** The contract's table; the verification platform's codes cannot come from the calls served here, INTERNAL if they do. */
    static Code codeOf(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> Code.INVALID_ARGUMENT;
            case TRANSFER_PHONE_MISMATCH, FILED_RECORD_NOT_FOUND, WRONG_STATUS -> Code.FAILED_PRECONDITION;
            case APPLICATION_NOT_FOUND -> Code.NOT_FOUND;
            case FILED_RECORD_OF_ANOTHER_PROVINCE -> Code.PERMISSION_DENIED;
            // a provider past its TRANSFER_IN mismatches of the hour (SubmitApplicationService)
            case TOO_MANY_ATTEMPTS -> Code.RESOURCE_EXHAUSTED;
            case CAPTCHA_INVALID, RECORD_NOT_FOUND, VERIFICATION_FAILED, RESEND_TOO_FREQUENT -> Code.INTERNAL;
        };
    }

    private static StatusRuntimeException status(Code code, String reason, String field, String message) {
        return status(code, reason, field, message, null);
    }

    private static StatusRuntimeException status(Code code, String reason, String field, String message,
                                                 RetryInfo retry) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN);
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(reason + ": " + message);
        if (field != null) {
            info.putMetadata("field", field);
        }
        status.addDetails(Any.pack(info.build()));
        if (retry != null) {
            status.addDetails(Any.pack(retry));
        }
        if (field != null) {
            status.addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(
                    BadRequest.FieldViolation.newBuilder().setField(field).setDescription(message)).build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
