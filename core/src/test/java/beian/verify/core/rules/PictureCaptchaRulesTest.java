package beian.verify.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.service.IssueCaptchaService;
import beian.verify.core.testing.CoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "The picture captcha": no confusable characters. (That people read it, at least 9 of 10 at
 * the first try at display size, is measured by a person: docs/SECURITY.md "Captcha legibility"; the
 * picture's own properties are CaptchaRendererTest's.)
 */
class PictureCaptchaRulesTest {
    /**
     * Pairs a reader can take one for the other, in print or in a slightly turned or slanted stroke drawing:
     * the groups DOMAIN.md names (0/O/D/Q, 1/I/L/J, 2/Z, 5/S, 6/G, 8/B, U/V) and their like.
     */
    static final List<String> LOOK_ALIKES = List.of(
            // 0 O D Q, and the round letters next to them
            "0O", "0D", "0Q", "OD", "OQ", "DQ", "0C", "OC", "CG", "OG", "0U", "OU", "DU",
            // 1 I L J, and the upright strokes next to them
            "1I", "1L", "1J", "IL", "IJ", "LJ", "1T", "IT", "JT", "17", "L4",
            "2Z", "5S", "6G", "6B", "8B", "83", "3B", "S8", "69", "56", "G9",
            "UV", "VY", "VW", "UJ",
            "4A", "AH", "AR", "KX", "XY", "KR", "HN", "MN", "NW", "NZ", "EF", "BE", "7T", "9P", "9Q", "PR", "PF", "1Y");

    /**
     * The look-alike groups DOMAIN.md names, and what the outside tester of issue 19 took one for the other:
     * no character of these is in the alphabet at all, so no reading of one as another can be wrong.
     */
    static final List<String> NAMED_GROUPS = List.of("0ODQ", "1ILJ", "2Z", "5S", "6G", "8B", "UV", "UVY", "4A", "KX",
            "HN", "JI");

    final CoreFixture world = CoreFixture.atShanghai(2026, 12, 8, 10, 0);

    /** The pairs of {@link #LOOK_ALIKES} wholly in {@code alphabet}. */
    static List<String> lookAlikePairsIn(String alphabet) {
        List<String> both = new ArrayList<>();
        for (String pair : LOOK_ALIKES) {
            if (alphabet.indexOf(pair.charAt(0)) >= 0 && alphabet.indexOf(pair.charAt(1)) >= 0) {
                both.add(pair);
            }
        }
        return both;
    }

    @Test
    void theAlphabetHoldsNoTwoCharactersOfALookAlikePair() {
        String alphabet = IssueCaptchaService.ALPHABET;

        assertThat(lookAlikePairsIn(alphabet)).as("look-alike pairs wholly in " + alphabet).isEmpty();
        Set<Character> distinct = new TreeSet<>();
        alphabet.chars().forEach(c -> distinct.add((char) c));
        assertThat(distinct).as("distinct upper-case letters and digits").hasSize(alphabet.length())
                .allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
        // the list names what the outside tester misread in the alphabet before (issue 19: U/V/Y, 4/A, K/X, H/N)
        assertThat(lookAlikePairsIn("ACDEFGHJKLMNPQRSTUVWXYZ346789")).contains("UV", "VY", "4A", "KX", "HN");
    }

    @Test
    void noCharacterOfALookAlikeGroupTheRulesNameIsInTheAlphabet() {
        String alphabet = IssueCaptchaService.ALPHABET;

        for (String group : NAMED_GROUPS) {
            assertThat(group.chars().filter(c -> alphabet.indexOf(c) >= 0).mapToObj(c -> String.valueOf((char) c)))
                    .as("characters of the look-alike group %s in %s", group, alphabet).isEmpty();
        }
    }

    @Test
    void aCaptchaTextIsFourCharactersOfTheAlphabetAndEveryCharacterComesUp() {
        Set<Character> seen = new TreeSet<>();
        for (int i = 0; i < 400; i++) {
            String text = world.captcha.newText();
            assertThat(text).hasSize(IssueCaptchaService.LENGTH);
            text.chars().forEach(c -> {
                assertThat(IssueCaptchaService.ALPHABET.indexOf(c)).as("%s of %s", (char) c, text).isNotNegative();
                seen.add((char) c);
            });
        }

        assertThat(IssueCaptchaService.LENGTH).isEqualTo(4);
        assertThat(seen).hasSize(IssueCaptchaService.ALPHABET.length());
        assertThatThrownBy(() -> world.captcha.issue("379C" + "E")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> world.captcha.issue("3O9C")).isInstanceOf(IllegalArgumentException.class);
        assertThat(world.captcha.issue("379C").answer()).isEqualTo("379C");
    }
}
