package beian.verify.core.service;

import beian.verify.core.port.in.PurgeExpiredCaptchasUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.TransactionRunner;

/** Drops the used-marks of captchas that have expired (an expired captcha fails anyway), so the table holds only live ones. */
public final class PurgeExpiredCaptchasService implements PurgeExpiredCaptchasUseCase {
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final CaptchaStore captchas;

    public PurgeExpiredCaptchasService(TransactionRunner transactions, AppClock clock, CaptchaStore captchas) {
        this.transactions = transactions;
        this.clock = clock;
        this.captchas = captchas;
    }

    @Override
    public int purgeExpired() {
        return transactions.inTransaction(() -> captchas.purgeExpired(clock.now()));
    }
}
