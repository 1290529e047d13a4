package beian.verify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.ApplicationId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Codes": the real code derivation (one code per target, derived from the server key and
 * the target, never stored). The keys are fixed, so every figure here is the same on every run.
 */
class HmacCodeGeneratorTest {
    static final byte[] KEY = Base64.getDecoder().decode(CoreWiringTest.KEY);
    static final byte[] OTHER_KEY = "another-hash-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);
    static final ApplicationId APPLICATION = new ApplicationId("0192f1a0-0000-7000-8000-000000000001");

    final HmacCodeGenerator generator = new HmacCodeGenerator(KEY);

    /** The n-th of fixed application ids (ids are UUIDs). */
    private static ApplicationId application(int n) {
        return new ApplicationId(String.format("0192f1a0-0000-7000-8000-%012d", n));
    }

    @Test
    void codesAreSixDecimalDigitsOverTheWholeRangeIncludingLeadingZeros() {
        int[] leadingDigits = new int[10];
        for (int i = 0; i < 20_000; i++) {
            String code = generator.codeFor(application(i), 1 + i % 3, 0).value();
            assertThat(code).matches("\\d{6}");
            leadingDigits[code.charAt(0) - '0']++;
        }
        for (int digit = 0; digit < 10; digit++) {
            assertThat(leadingDigits[digit]).as("codes starting with %d of 20,000 (2,000 expected)", digit)
                    .isBetween(1_800, 2_200);
        }
    }

    /** HMAC-SHA-256(key, "target-code-v1" NUL application "#" target "#" draw), its first 8 bytes unsigned, mod 10^6. */
    @Test
    void theCodeIsTheMacOfItsOwnPurposeTheApplicationTheTargetAndTheDrawReducedToSixDigits() {
        // computed apart from this code: python3 -c "import hmac,hashlib,base64; k=base64.b64decode('<KEY>');
        //   m=hmac.new(k, b'target-code-v1\0<application>#1#0', hashlib.sha256).digest();
        //   print('%06d' % (int.from_bytes(m[:8], 'big') % 10**6))"
        assertThat(generator.codeFor(APPLICATION, 1, 0).value()).isEqualTo("680863");
        assertThat(generator.codeFor(APPLICATION, 1, 1).value()).isEqualTo("565211");
        assertThat(generator.codeFor(APPLICATION, 2, 0).value()).isEqualTo("740802");
    }

    @Test
    void theSameApplicationTargetAndDrawGiveTheSameCodeOnEveryInstance() {
        HmacCodeGenerator anotherInstance = new HmacCodeGenerator(KEY.clone());
        for (int i = 0; i < 100; i++) {
            assertThat(anotherInstance.codeFor(application(i), 2, 1)).isEqualTo(generator.codeFor(application(i), 2, 1));
        }
    }

    @Test
    void theCodeIsDerivedFromTheKeyADifferentKeyGivesADifferentCode() {
        HmacCodeGenerator otherKey = new HmacCodeGenerator(OTHER_KEY);
        int same = 0;
        for (int i = 0; i < 1_000; i++) {
            if (otherKey.codeFor(application(i), 1, 0).equals(generator.codeFor(application(i), 1, 0))) {
                same++;
            }
        }
        assertThat(same).as("of 1,000 targets, codes equal under two keys (10^-3 expected by chance)").isLessThanOrEqualTo(1);
    }

    @Test
    void eachApplicationTargetAndDrawHasACodeOfItsOwn() {
        Set<String> codes = new HashSet<>();
        int asked = 0;
        for (int i = 0; i < 100; i++) {
            for (int target = 1; target <= 3; target++) {
                for (int draw = 0; draw < 3; draw++) {
                    codes.add(generator.codeFor(application(i), target, draw).value());
                    asked++;
                }
            }
        }
        // 900 uniform draws from 10^6 values: about 0.4 equal pairs expected
        assertThat(codes).hasSizeGreaterThanOrEqualTo(asked - 3);
    }

    @Test
    void theKeyMustHoldAtLeast32BytesAndADrawIsNeverNegative() {
        assertThatThrownBy(() -> new HmacCodeGenerator(new byte[31])).hasMessageContaining("hash-key must hold at least 32 bytes");
        assertThatThrownBy(() -> generator.codeFor(APPLICATION, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
