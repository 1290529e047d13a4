package beian.verify.adapters.rest;

import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.IssueProofOfWorkUseCase;
import beian.verify.core.port.in.ListProvincesUseCase;
import beian.verify.core.port.in.ResendSmsUseCase;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.service.AdmitRequestService;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.InMemoryRequestCounters;
import beian.verify.core.testing.MutableClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real core services, wired on the core's in-memory fakes, as the beans the REST adapter needs. */
@Factory
class CoreOnFakes {

    /** Every captcha the platform handed out, so a test can answer it as a person reading the picture would. */
    static final class IssuedCaptchas implements CaptchaObserver {
        private final Map<String, String> answers = new ConcurrentHashMap<>();

        @Override
        public void issued(IssuedCaptcha captcha) {
            answers.put(captcha.captchaId(), captcha.answer());
        }

        String answerOf(String captchaId) {
            String answer = answers.get(captchaId);
            if (answer == null) {
                throw new AssertionError("no captcha " + captchaId + " was issued");
            }
            return answer;
        }
    }

    /**
     * The core on fakes; {@code test.core.sms-ceilings: carriers} gives it the carriers' SMS ceilings per phone
     * (1 a minute, 5 an hour, 10 a day), which the other tests leave off so two SMS to one phone test their rule.
     */
    @Singleton
    CoreFixture fixture(@Value("${test.core.sms-ceilings:none}") String ceilings) {
        Instant start = MutableClock.shanghai(2026, 3, 2, 10, 0);
        return switch (ceilings) {
            case "none" -> new CoreFixture(start);
            case "carriers" -> new CoreFixture(start, SmsCeilings.defaults());
            default -> throw new IllegalArgumentException("test.core.sms-ceilings: none or carriers, not " + ceilings);
        };
    }

    @Singleton
    IssuedCaptchas issuedCaptchas() {
        return new IssuedCaptchas();
    }

    @Singleton
    IssueCaptchaUseCase issueCaptcha(CoreFixture fixture) {
        return fixture.captcha;
    }

    @Singleton
    IssueProofOfWorkUseCase issueProofOfWork(CoreFixture fixture) {
        return fixture.proofOfWork;
    }

    @Singleton
    VerifyCodeUseCase verifyCode(CoreFixture fixture) {
        return fixture.verification;
    }

    @Singleton
    ResendSmsUseCase resendSms(CoreFixture fixture) {
        return fixture.resends;
    }

    /** The request windows on the fixture's clock and transactions, as every instance would share them. */
    @Singleton
    AdmitRequestUseCase admitRequest(CoreFixture fixture) {
        return new AdmitRequestService(fixture.tx, fixture.clock, new InMemoryRequestCounters(fixture.tx));
    }

    @Singleton
    ListProvincesUseCase provinces(CoreFixture fixture) {
        return fixture.provinceList;
    }
}
