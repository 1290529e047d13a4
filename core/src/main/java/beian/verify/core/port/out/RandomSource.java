package beian.verify.core.port.out;

/** Randomness for ids, captcha texts and retry jitter; a cryptographically strong source in production. */
public interface RandomSource {
    /** A uniformly random int in [0, bound). */
    int nextInt(int bound);

    /** A uniformly random double in [0, 1). */
    double nextDouble();

    /** A random opaque token (URL-safe), e.g. for ids. */
    String token();
}
