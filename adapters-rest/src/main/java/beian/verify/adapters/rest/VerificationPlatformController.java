package beian.verify.adapters.rest;

import beian.verify.adapters.rest.RateLimiter.Kind;
import beian.verify.adapters.rest.RestModel.CaptchaResponse;
import beian.verify.adapters.rest.RestModel.Problem;
import beian.verify.adapters.rest.RestModel.ProofOfWorkResponse;
import beian.verify.adapters.rest.RestModel.ProvinceResponse;
import beian.verify.adapters.rest.RestModel.ResendRequest;
import beian.verify.adapters.rest.RestModel.ResendResponse;
import beian.verify.adapters.rest.RestModel.VerificationRequest;
import beian.verify.adapters.rest.RestModel.VerificationResponse;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.port.in.IssueProofOfWorkUseCase;
import beian.verify.core.port.in.IssueProofOfWorkUseCase.ProofOfWorkChallenge;
import beian.verify.core.port.in.ListProvincesUseCase;
import beian.verify.core.port.in.ResendSmsUseCase;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The public verification platform's JSON API (API.md, REST part), over the core's use cases. Its
 * requests run on the blocking executor, not on the event loop: each is a database transaction, and
 * while the database is gone each waits up to the pool's timeout (2 s); on the event loop that wait
 * held up every other request of the loop's connections, {@code /health} included (2 s under load in
 * DatabaseOutageTest before).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "verification platform", description = "管局短信核验: the public page's API")
class VerificationPlatformController {
    /** Longer than any real value of these fields: the core never sees megabytes of "phone". */
    static final int MAX_FIELD_LENGTH = 64;
    /** What the OpenAPI description says of the header on a 429. */
    static final String RETRY_AFTER = "whole seconds until a retry may succeed (rounded up, at least 1), wherever the"
            + " wait is known; the same number as the problem's retryAfterSeconds";

    private final VerifyCodeUseCase verification;
    private final ResendSmsUseCase resends;
    private final ListProvincesUseCase provinces;
    private final CaptchaIssuer issuer;
    private final IssueProofOfWorkUseCase proofsOfWork;
    private final ClientAddressResolver addresses;
    private final PlatformHosts hosts;
    private final RateLimiter limiter;
    private final Problems problems;

    VerificationPlatformController(CaptchaIssuer issuer, IssueProofOfWorkUseCase proofsOfWork,
                                   VerifyCodeUseCase verification, ResendSmsUseCase resends, ListProvincesUseCase provinces,
                                   ClientAddressResolver addresses,
                                   PlatformHosts hosts, RateLimiter limiter, Problems problems) {
        this.issuer = issuer;
        this.proofsOfWork = proofsOfWork;
        this.verification = verification;
        this.resends = resends;
        this.provinces = provinces;
        this.addresses = addresses;
        this.hosts = hosts;
        this.limiter = limiter;
        this.problems = problems;
    }

    @Get("/provinces")
    @Operation(summary = "The provinces and whether SMS verification applies to each")
    List<ProvinceResponse> provinces() {
        return provinces.provinces().stream()
                .map(p -> new ProvinceResponse(p.code().value(), p.name(), p.platformHost(), p.smsVerificationSince()))
                .toList();
    }

    @Post(value = "/captchas", consumes = MediaType.ALL)
    @Operation(summary = "A new picture captcha: single use (any check consumes it), expires in 5 minutes")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CaptchaResponse.class)))
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = RETRY_AFTER,
                    schema = @Schema(type = "integer", minimum = "1")),
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> issueCaptcha(HttpRequest<?> request) {
        long wait = limiter.acquire(Kind.CAPTCHA, addresses.resolve(request));
        if (wait > 0) {
            return problems.rateLimited(wait);
        }
        CaptchaIssuer.Issued captcha = issuer.issue();
        return HttpResponse.created(new CaptchaResponse(captcha.captchaId(), captcha.pngBase64(), captcha.expiresAt()));
    }

    @Post(value = "/captchas/proof-of-work", consumes = MediaType.ALL)
    @Operation(summary = "A captcha that needs no sight: a proof of work the browser solves by itself",
            description = "Find the whole number n from 0 to maxNumber such that the lowercase hex of SHA-256 over the "
                    + "UTF-8 bytes of salt followed by n in decimal equals challenge; send captchaId with n in decimal "
                    + "as captchaAnswer. It stands equal to a picture captcha: single use (any check consumes it), "
                    + "expires in 5 minutes, and shares the captchas' rate limit per address.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ProofOfWorkResponse.class)))
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> issueProofOfWork(HttpRequest<?> request) {
        long wait = limiter.acquire(Kind.CAPTCHA, addresses.resolve(request)); // one budget for both kinds
        if (wait > 0) {
            return problems.rateLimited(wait);
        }
        ProofOfWorkChallenge c = proofsOfWork.issue();
        return HttpResponse.created(new ProofOfWorkResponse(c.captchaId(), c.algorithm(), c.salt(), c.challenge(),
                c.maxNumber(), c.expiresAt()));
    }

    @Post("/verifications")
    @Operation(summary = "备案短信核验: prove the SMS code with the phone, the ID tail and a captcha")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VerificationResponse.class)))
    @ApiResponse(responseCode = "400", description = "INVALID_ARGUMENT, CAPTCHA_INVALID",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "RECORD_NOT_FOUND (never says which input was wrong)",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "VERIFICATION_FAILED (the 5th wrong ID tail returns the application)",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "TOO_MANY_ATTEMPTS (until the lock of this network or of the"
            + " phone ends), RATE_LIMITED; the wait in Retry-After and retryAfterSeconds",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = RETRY_AFTER,
                    schema = @Schema(type = "integer", minimum = "1")),
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> verify(HttpRequest<?> request, @Body @Nullable VerificationRequest body) {
        String address = addresses.resolve(request);
        long wait = limiter.acquire(Kind.VERIFY, address);
        if (wait > 0) {
            return problems.rateLimited(wait);
        }
        if (body == null) {
            return problems.invalid("body", "a JSON object is required");
        }
        HttpResponse<?> tooLong = tooLong(Map.of("phone", nz(body.phone()), "idTail", nz(body.idTail()),
                "code", nz(body.code()), "captchaId", nz(body.captchaId()), "captchaAnswer", nz(body.captchaAnswer())));
        if (tooLong != null) {
            return tooLong;
        }
        VerifyCodeResult result = verification.verify(new VerifyCodeCommand(body.phone(), body.idTail(), body.code(),
                body.captchaId(), body.captchaAnswer(), address, hosts.provinceOf(request)));
        if (result instanceof VerifyCodeResult.Refused r && r.code() == ErrorCode.CAPTCHA_INVALID
                && ProofOfWorkChallenge.names(body.captchaId())) {
            return proofOfWorkRefused();
        }
        return answer(result);
    }

    @Post("/resends")
    @Operation(summary = "短信重发: send the verification SMS again")
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = ResendResponse.class)))
    @ApiResponse(responseCode = "400", description = "INVALID_ARGUMENT, CAPTCHA_INVALID",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "RECORD_NOT_FOUND (nothing pending for that phone and ID tail)",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "RESEND_TOO_FREQUENT: the phone's SMS ceiling (1 a minute, 5 an"
            + " hour, 10 a day) would hold the SMS back, or the target's last resend was under a minute ago (with the"
            + " wait in Retry-After and retryAfterSeconds), or its 2 resends are used up (no wait: never again);"
            + " TOO_MANY_ATTEMPTS (until the lock ends), RATE_LIMITED",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = RETRY_AFTER,
                    schema = @Schema(type = "integer", minimum = "1")),
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> resend(HttpRequest<?> request, @Body @Nullable ResendRequest body) {
        String address = addresses.resolve(request);
        long wait = limiter.acquire(Kind.RESEND, address);
        if (wait > 0) {
            return problems.rateLimited(wait);
        }
        if (body == null) {
            return problems.invalid("body", "a JSON object is required");
        }
        HttpResponse<?> tooLong = tooLong(Map.of("phone", nz(body.phone()), "idTail", nz(body.idTail()),
                "captchaId", nz(body.captchaId()), "captchaAnswer", nz(body.captchaAnswer())));
        if (tooLong != null) {
            return tooLong;
        }
        ResendSmsResult result = resends.resend(new ResendSmsCommand(body.phone(), body.idTail(), body.captchaId(),
                body.captchaAnswer(), address, hosts.provinceOf(request)));
        if (result instanceof ResendSmsResult.Refused r && r.code() == ErrorCode.CAPTCHA_INVALID
                && ProofOfWorkChallenge.names(body.captchaId())) {
            return proofOfWorkRefused();
        }
        return answer(result);
    }

    /** The one mapping of a verification's result to HTTP: 200 with the page's sentence, or a problem. */
    private HttpResponse<?> answer(VerifyCodeResult result) {
        if (result instanceof VerifyCodeResult.Verified v) {
            return HttpResponse.ok(new VerificationResponse("VERIFIED", v.pendingTargets(),
                    v.applicationStatus().name(), PageWording.verified(v.pendingTargets())));
        }
        VerifyCodeResult.Refused refused = (VerifyCodeResult.Refused) result;
        if (refused.retryAfter().isPresent()) {
            Duration wait = refused.retryAfter().get();
            return problems.refused(refused.code(), PageWording.verifyRefused(refused.code(),
                    Problems.retryAfterSeconds(wait)), wait);
        }
        return refusal(refused.code(), refused.field(), refused.reason(), PageWording.verifyRefused(refused.code()));
    }

    /** The one mapping of a resend's result to HTTP: 202 with the page's sentence, or a problem. */
    private HttpResponse<?> answer(ResendSmsResult result) {
        if (result instanceof ResendSmsResult.Sent) {
            return HttpResponse.accepted().body(new ResendResponse(PageWording.RESEND_SENT));
        }
        ResendSmsResult.Refused refused = (ResendSmsResult.Refused) result;
        if (refused.retryAfter().isPresent()) {
            Duration wait = refused.retryAfter().get();
            return problems.refused(refused.code(), PageWording.resendRefused(refused.code(),
                    Problems.retryAfterSeconds(wait)), wait);
        }
        return refusal(refused.code(), refused.field(), refused.reason(), PageWording.resendRefused(refused.code()));
    }

    /** A refused proof of work, in its own words: the picture's sentence asks to retype what nobody typed. */
    private HttpResponse<?> proofOfWorkRefused() {
        return problems.refused(ErrorCode.CAPTCHA_INVALID, "captchaAnswer", PageWording.PROOF_OF_WORK_INVALID);
    }

    private HttpResponse<?> refusal(ErrorCode code, FieldPath field, String reason, String sentence) {
        return switch (code) {
            case INVALID_ARGUMENT -> problems.invalid(field, reason);
            case CAPTCHA_INVALID -> problems.refused(code, "captchaAnswer", sentence);
            default -> problems.refused(code, null, sentence);
        };
    }

    // Errors raised while reading a request of this controller: the client's fault, never a 500.

    @Error(exception = CodecException.class)
    HttpResponse<?> unreadableBody(CodecException e) {
        return problems.invalid("body", "not valid JSON of the expected shape");
    }

    @Error(exception = JsonSyntaxException.class)
    HttpResponse<?> malformedJson(JsonSyntaxException e) {
        return problems.invalid("body", "malformed JSON");
    }

    @Error(exception = ConversionErrorException.class)
    HttpResponse<?> unconvertible(ConversionErrorException e) {
        return problems.invalid("body", "not valid JSON of the expected shape");
    }

    @Error(exception = UnsatisfiedRouteException.class)
    HttpResponse<?> unsatisfied(UnsatisfiedRouteException e) {
        return problems.invalid("body", "a JSON object is required");
    }

    private HttpResponse<?> tooLong(Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue().length() > MAX_FIELD_LENGTH) {
                return problems.invalid(field.getKey(), "is longer than " + MAX_FIELD_LENGTH + " characters");
            }
        }
        return null;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

}
