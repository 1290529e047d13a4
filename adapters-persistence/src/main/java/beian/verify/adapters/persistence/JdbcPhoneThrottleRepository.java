package beian.verify.adapters.persistence;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.port.out.PhoneThrottleRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The wrong-code guard in {@code phone_throttle}, keyed by the phone's blind index: the phone itself is not stored. */
@Singleton
class JdbcPhoneThrottleRepository implements PhoneThrottleRepository {
    /** recent_misses is VARCHAR(2000). */
    private static final int MISSES_MAX = 2000;

    private final ThrottleRows rows;
    private final PersonalDataCipher cipher;

    JdbcPhoneThrottleRepository(ThrottleRows rows, PersonalDataCipher cipher) {
        this.rows = rows;
        this.cipher = cipher;
    }

    @Override
    public PhoneThrottle lock(PhoneNumber phone) {
        String index = index(phone);
        rows.ensure(index);
        ThrottleRow row = rows.lock(index);
        List<Instant> misses = row.recentMisses().isEmpty() ? List.of()
                : Arrays.stream(row.recentMisses().split(",")).map(Instant::parse).toList();
        return new PhoneThrottle(phone, misses, SqlTime.instant(row.lockedUntil()));
    }

    @Override
    public void save(PhoneThrottle throttle) {
        String misses = throttle.recentMisses().stream().map(Instant::toString).collect(Collectors.joining(","));
        if (misses.length() > MISSES_MAX) {
            throw new IllegalArgumentException("phone_throttle.recent_misses: " + throttle.recentMisses().size()
                    + " misses exceed " + MISSES_MAX + " characters; lower beian.verification.code-miss-limit");
        }
        rows.upsert(index(throttle.phoneKey()), misses, SqlTime.of(throttle.lockedUntil()));
    }

    private String index(PhoneNumber phone) {
        return cipher.blindIndex(JdbcApplicationRepository.PHONE, phone.value());
    }
}
