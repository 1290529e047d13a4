package beian.verify.core.domain;

/**
 * The keyed hash of one secret (a code, an ID tail) as stored for a given target: hashes are salted
 * with their target, so the aggregate asks for the hash per target when it matches.
 */
@FunctionalInterface
public interface TargetDigest {
    String of(ApplicationId application, int targetNumber);
}
