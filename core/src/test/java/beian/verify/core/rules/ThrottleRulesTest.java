package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Verifying" step 5 (revised 2026-11-30): misses count per phone and client network and per
 * phone across networks; the guessing bound and the cost of sabotage; and "Manual resend": a wrong ID
 * tail on the resend form is a miss against the same limits.
 */
class ThrottleRulesTest {
    static final String ALICE_ID = residentId("11010519491231002");
    static final String ALICE_PHONE = "13800000001";
    static final PersonInput ALICE = person("张三", ALICE_PHONE, ALICE_ID);
    static final String OWNER = "198.51.100.7";
    static final VerifyCodeResult MISS = VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND);
    static final Duration HOUR = Duration.ofHours(1);

    /** TOO_MANY_ATTEMPTS, telling the wait until the lock ends: {@code wait} from now. */
    static VerifyCodeResult lockedFor(Duration wait) {
        return VerifyCodeResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS, wait);
    }

    /** A refusal with TOO_MANY_ATTEMPTS, whatever the wait. */
    static boolean locked(Object result) {
        return result instanceof VerifyCodeResult.Refused v && v.code() == ErrorCode.TOO_MANY_ATTEMPTS
                || result instanceof ResendSmsResult.Refused r && r.code() == ErrorCode.TOO_MANY_ATTEMPTS;
    }

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    final VerificationSettings limits = world.settings;
    ApplicationView application;
    String aliceCode;
    int guess;

    @BeforeEach
    void oneTarget() {
        application = world.submitNewWebsite("r1", "a.cn", ALICE);
        aliceCode = world.carrier.lastCodeTo(ALICE_PHONE);
    }

    /** A six-digit code that is none of the phone's codes. */
    private String wrongCode() {
        Set<String> held = new HashSet<>(world.carrier.callsTo(ALICE_PHONE).stream().map(c -> c.code()).toList());
        String code;
        do {
            code = String.format("%06d", guess++ % 1_000_000);
        } while (held.contains(code));
        return code;
    }

    private VerifyCodeResult missFrom(String address) {
        return world.verifyFrom(address, ALICE_PHONE, tail(ALICE_ID), wrongCode());
    }

    private VerifyCodeResult ownerVerifies() {
        return world.verifyFrom(OWNER, ALICE_PHONE, tail(ALICE_ID), aliceCode);
    }

    private static String network(int n) {
        return "10." + (n / 65536 % 256) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    @Test
    void tenMissesFromOneNetworkLockThatNetworkOutOfThatPhoneForAnHourAndNoOtherNetwork() {
        for (int i = 0; i < 10; i++) {
            assertThat(missFrom("203.0.113.9")).isEqualTo(MISS);
        }

        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode)).isEqualTo(lockedFor(HOUR));
        assertThat(ownerVerifies()).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void theNetworkLockLastsAnHour() {
        for (int i = 0; i < 10; i++) {
            missFrom("203.0.113.9");
        }
        world.clock.advance(Duration.ofMinutes(59));
        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode))
                .isEqualTo(lockedFor(Duration.ofMinutes(1)));
        world.clock.advance(Duration.ofMinutes(1));

        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode))
                .isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void anIpv6Slash64IsOneClientNetwork() {
        for (int i = 0; i < 10; i++) {
            assertThat(missFrom("2001:db8:1:2::" + Integer.toHexString(i + 1))).isEqualTo(MISS);
        }

        assertThat(world.verifyFrom("2001:db8:1:2:ffff:ffff:ffff:ffff", ALICE_PHONE, tail(ALICE_ID), aliceCode))
                .isEqualTo(lockedFor(HOUR));
        assertThat(world.verifyFrom("2001:db8:1:3::1", ALICE_PHONE, tail(ALICE_ID), aliceCode))
                .isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aHundredMissesWithinAnHourFromAnyNetworksLockThePhoneForAnHour() {
        for (int i = 0; i < 100; i++) {
            assertThat(missFrom(network(i / 10))).isEqualTo(MISS);
        }

        assertThat(ownerVerifies()).isEqualTo(lockedFor(HOUR));
        world.clock.advance(Duration.ofMinutes(59));
        assertThat(ownerVerifies()).isEqualTo(lockedFor(Duration.ofMinutes(1)));
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(ownerVerifies()).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void ninetyNineMissesWithinAnHourLeaveThePhoneOpen() {
        for (int i = 0; i < 99; i++) {
            assertThat(missFrom(network(i / 10))).isEqualTo(MISS);
        }

        assertThat(ownerVerifies()).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aPhoneLockIsAVerificationThrottledEventForEachProviderWithAPendingTargetOnThatPhone() {
        world.submitOk(new SubmitApplicationCommand(CoreFixture.OTHER_PROVIDER, "x", FilingType.NEW_WEBSITE, "TJ",
                null, null, List.of(new WebsiteInput("other.cn", ALICE)), false));
        for (int i = 0; i < 99; i++) {
            missFrom(network(i / 10));
        }
        assertThat(world.eventTypes()).doesNotContain(EventType.VERIFICATION_THROTTLED);

        missFrom(network(99));

        for (var provider : List.of(CoreFixture.PROVIDER, CoreFixture.OTHER_PROVIDER)) {
            List<RecordedEvent> throttled = world.eventsOf(provider).stream()
                    .filter(e -> e.event().type() == EventType.VERIFICATION_THROTTLED).toList();
            assertThat(throttled).hasSize(1);
            assertThat(throttled.get(0).event().maskedPhone()).isEqualTo("138****0001");
        }
    }

    @Test
    void aNetworkLockIsNoEvent() {
        for (int i = 0; i < 10; i++) {
            missFrom("203.0.113.9");
        }

        assertThat(world.eventTypes()).doesNotContain(EventType.VERIFICATION_THROTTLED);
    }

    /**
     * Guessing: a stranger with any number of networks guesses as fast as the limits let it, over the
     * whole 48-hour window, a fresh network for every guess; the owner meanwhile takes the noon resend
     * and both manual resends. Returns the guesses the limits let through. Each is one code of 10^6,
     * never the same twice, so the chance to hit one of the k codes valid for the phone is at most
     * guesses x k / 10^6. The limits bound the guesses (a lock ends a round of {@code phoneMissLimit}
     * misses, and rounds start at least {@code phoneMissLockout} apart), and the drive reaches that bound.
     */
    private int guessesOverTheWholeWindowWithEveryResend() {
        Instant deadline = application.deadline();
        assertThat(world.resendFrom(OWNER, ALICE_PHONE, tail(ALICE_ID))).isInstanceOf(ResendSmsResult.Sent.class);
        world.clock.advance(Duration.ofMinutes(2));
        assertThat(world.resendFrom(OWNER, ALICE_PHONE, tail(ALICE_ID))).isInstanceOf(ResendSmsResult.Sent.class);
        boolean noonResent = false;
        int guesses = 0;
        int networks = 0;
        while (world.clock.now().isBefore(deadline)) {
            if (!noonResent && !world.clock.now().isBefore(world.applications.all().get(0).facts().autoResendAt())) {
                assertThat(world.autoResends.sendAutoResends(100).done()).isPositive();
                world.dispatch();
                noonResent = true;
            }
            VerifyCodeResult r = missFrom(network(networks++)); // a fresh network for every guess
            if (r.equals(MISS)) {
                guesses++;
                world.clock.advance(Duration.ofSeconds(1));
            } else {
                assertThat(locked(r)).as("%s", r).isTrue();
                world.clock.advance(Duration.ofMinutes(1));
            }
        }
        assertThat(noonResent).isTrue();
        long bound = limits.maxGuessesPerPhone(Duration.between(application.submittedAt(), deadline));
        assertThat(guesses).isLessThanOrEqualTo((int) bound).isGreaterThan((int) (bound * 0.9));
        return guesses;
    }

    /** The distinct codes the carrier delivered to the phone: every one is valid until its target's deadline. */
    private long codesValidForThePhone() {
        return world.carrier.callsTo(ALICE_PHONE).stream().map(c -> c.code()).distinct().count();
    }

    /**
     * DOMAIN.md "Codes" (revised 2026-12-07): with one code per target, a phone with one target holds one valid
     * code however often it was resent, so the default limits keep guessing at or below 0.49 %.
     */
    @Test
    void guessingTheCodeOfAPhoneWithOneTargetAfterTheNoonAndBothManualResendsStaysAtOrBelowFortyNineHundredthsOfAPercent() {
        int guesses = guessesOverTheWholeWindowWithEveryResend();
        long bound = limits.maxGuessesPerPhone(Duration.between(application.submittedAt(), application.deadline()));

        assertThat(world.carrier.callsTo(ALICE_PHONE)).as("first SMS, noon resend, two manual resends").hasSize(4);
        long codes = codesValidForThePhone();
        assertThat(codes).isEqualTo(1);
        double chance = (double) guesses * codes / 1_000_000;
        System.out.printf("GUESSING one target: driven=%d bound=%d codes=%d chance=%.4f%% (at the bound %.4f%%)%n",
                guesses, bound, codes, chance * 100, bound * codes * 100.0 / 1_000_000);
        assertThat(chance).isLessThanOrEqualTo(0.0049);
        assertThat((double) bound * codes / 1_000_000).isLessThanOrEqualTo(0.0049);
    }

    /**
     * Step 5's bound, for the phone that holds the most codes with the default limits: a target of two open
     * applications, both resent at noon and twice by hand. Two codes, at or below 1 %.
     */
    @Test
    void guessingACodeOfOnePhoneOverAWholeWindowFromAnyNumberOfNetworksStaysAtOrBelowOnePercent() {
        world.submitOk(new SubmitApplicationCommand(CoreFixture.OTHER_PROVIDER, "x", FilingType.NEW_WEBSITE, "TJ",
                null, null, List.of(new WebsiteInput("other.cn", ALICE)), false));
        int guesses = guessesOverTheWholeWindowWithEveryResend();
        long bound = limits.maxGuessesPerPhone(Duration.between(application.submittedAt(), application.deadline()));

        assertThat(world.carrier.callsTo(ALICE_PHONE)).as("each target: first SMS, noon, two manual resends").hasSize(8);
        long codes = codesValidForThePhone();
        assertThat(codes).isEqualTo(2);
        double chance = (double) guesses * codes / 1_000_000;
        System.out.printf("GUESSING two open applications: driven=%d bound=%d codes=%d chance=%.4f%% (at the bound %.4f%%)%n",
                guesses, bound, codes, chance * 100, bound * codes * 100.0 / 1_000_000);
        assertThat(chance).isLessThanOrEqualTo(0.01);
        assertThat((double) bound * codes / 1_000_000).isLessThanOrEqualTo(0.01);
    }

    /**
     * Sabotage: a stranger keeps the owner out for a day. It needs the phone lock (the owner's own
     * network is not the stranger's), so {@code phoneMissLimit} misses every lock-out, from at least
     * phoneMissLimit / codeMissLimit networks. Drives the cheapest such stranger for 24 hours while
     * the owner tries every ten minutes, and counts its captchas and networks.
     */
    @Test
    void keepingTheOwnerOutForADayCostsAtLeastAThousandCaptchasFromAtLeastTenNetworks() {
        Instant end = world.clock.now().plus(Duration.ofDays(1));
        int captchas = 0;
        Set<String> networksUsed = new HashSet<>();
        int network = 0;
        Instant nextOwnerTry = world.clock.now().plus(Duration.ofMinutes(1));
        while (world.clock.now().isBefore(end)) {
            // the stranger spends a network's allowance, then moves to the next, until the phone locks
            int missesFromThisNetwork = 0;
            VerifyCodeResult r;
            do {
                String address = network(network % 20);
                networksUsed.add(address);
                r = missFrom(address);
                captchas++;
                if (++missesFromThisNetwork == limits.codeMissLimit()) {
                    network++;
                    missesFromThisNetwork = 0;
                }
            } while (r.equals(MISS) && captchas < 100_000);
            network++;
            Instant lockEnds = world.clock.now().plus(limits.phoneMissLockout());
            while (world.clock.now().isBefore(lockEnds) && world.clock.now().isBefore(end)) {
                if (!world.clock.now().isBefore(nextOwnerTry)) {
                    assertThat(locked(ownerVerifies())).isTrue();
                    nextOwnerTry = nextOwnerTry.plus(Duration.ofMinutes(10));
                }
                world.clock.advance(Duration.ofMinutes(1));
            }
        }
        System.out.printf("SABOTAGE captchas/day=%d networks=%d%n", captchas, networksUsed.size());

        assertThat(captchas).isGreaterThanOrEqualTo(1_000);
        assertThat(networksUsed.size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aStrangerWithNineNetworksCannotLockThePhone() {
        for (int n = 0; n < 9; n++) {
            for (int i = 0; i < 20; i++) {
                missFrom(network(n));
            }
        }

        assertThat(ownerVerifies()).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aWrongIdTailOnTheResendFormIsAMissOfThatNetwork() {
        for (int i = 0; i < 10; i++) {
            assertThat(world.resendFrom("203.0.113.9", ALICE_PHONE, "00000" + i))
                    .isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
        }

        assertThat(world.resendFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID)))
                .isEqualTo(ResendSmsResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS, HOUR));
        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode)).isEqualTo(lockedFor(HOUR));
        assertThat(ownerVerifies()).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void theResendFormConfirmsAnIdTailNoFasterThanVerifyOnceItsResendsAreUsedUp() {
        world.resendFrom(OWNER, ALICE_PHONE, tail(ALICE_ID));
        world.clock.advance(Duration.ofMinutes(2));
        world.resendFrom(OWNER, ALICE_PHONE, tail(ALICE_ID));
        int answered = 0;
        for (int i = 0; i < 200; i++) {
            ResendSmsResult r = world.resendFrom(network(i / 10 + 1000), ALICE_PHONE, String.format("%06d", i));
            if (!locked(r)) {
                answered++;
            }
        }

        assertThat(answered).isEqualTo(limits.phoneMissLimit());
        assertThat(world.resendFrom(OWNER, ALICE_PHONE, tail(ALICE_ID)))
                .isEqualTo(ResendSmsResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS, HOUR));
    }

    @Test
    void wrongIdTailsOnTheResendFormAndWrongCodesShareOneCount() {
        for (int i = 0; i < 5; i++) {
            world.resendFrom("203.0.113.9", ALICE_PHONE, "00000" + i);
            missFrom("203.0.113.9");
        }

        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode)).isEqualTo(lockedFor(HOUR));
    }

    // ---- the wait of TOO_MANY_ATTEMPTS (API.md: Retry-After), on both forms ----

    @Test
    void aNetworksLockTellsBothFormsTheWaitUntilItEnds() {
        for (int i = 0; i < 10; i++) {
            missFrom("203.0.113.9");
            world.clock.advance(Duration.ofMinutes(1)); // the tenth miss at 10:09 locks until 11:09
        }
        world.clock.advance(Duration.ofMinutes(5).plusSeconds(30)); // 10:15:30

        Duration left = Duration.ofMinutes(53).plusSeconds(30);
        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode)).isEqualTo(lockedFor(left));
        assertThat(world.resendFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID)))
                .isEqualTo(ResendSmsResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS, left));
    }

    @Test
    void aPhonesLockTellsBothFormsTheWaitUntilItEnds() {
        for (int i = 0; i < 100; i++) {
            missFrom(network(i / 10));
        }
        world.clock.advance(Duration.ofMinutes(45));

        assertThat(ownerVerifies()).isEqualTo(lockedFor(Duration.ofMinutes(15)));
        assertThat(world.resendFrom(OWNER, ALICE_PHONE, tail(ALICE_ID)))
                .isEqualTo(ResendSmsResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS, Duration.ofMinutes(15)));
    }

    @Test
    void whenTheNetworksAndThePhonesLocksBothRunTheWaitIsUntilTheLaterEnds() {
        for (int i = 0; i < 10; i++) {
            missFrom("203.0.113.9"); // this network is locked out until 11:00
        }
        world.clock.advance(Duration.ofMinutes(20));
        for (int i = 0; i < 100; i++) {
            missFrom(network(i / 10)); // and the phone until 11:20
        }

        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode)).isEqualTo(lockedFor(HOUR));
        world.clock.advance(Duration.ofMinutes(50));
        assertThat(world.verifyFrom("203.0.113.9", ALICE_PHONE, tail(ALICE_ID), aliceCode))
                .isEqualTo(lockedFor(Duration.ofMinutes(10)));
    }
}
