package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.IdTail;
import beian.verify.core.domain.TargetDigest;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.out.KeyedHasher;

/**
 * The keyed hashes the core stores instead of secrets. Codes and ID tails are salted with their
 * target, so equal values of two targets hash differently.
 */
final class Secrets {
    private final KeyedHasher hasher;

    Secrets(KeyedHasher hasher) {
        this.hasher = hasher;
    }

    String code(ApplicationId application, int target, VerificationCode code) {
        return hasher.hash("code", application.value() + "#" + target + ":" + code.value());
    }

    String idTail(ApplicationId application, int target, IdTail tail) {
        return hasher.hash("id-tail", application.value() + "#" + target + ":" + tail.value());
    }

    /** The code's hash for whichever target the aggregate asks about. */
    TargetDigest codeDigest(VerificationCode code) {
        return (application, target) -> code(application, target, code);
    }

    /** The ID tail's hash for whichever target the aggregate asks about. */
    TargetDigest idTailDigest(IdTail tail) {
        return (application, target) -> idTail(application, target, tail);
    }

    String captchaAnswer(String captchaId, String answer) {
        return hasher.hash("captcha", captchaId + ":" + answer);
    }

    /** The proof of work's secret number, as its token carries it (another purpose: no picture answer matches). */
    String proofOfWorkNumber(String challengeKey, String number) {
        return hasher.hash("proof-of-work", challengeKey + ":" + number);
    }

    String fingerprint(String canonicalRequest) {
        return hasher.hash("request", canonicalRequest);
    }
}
