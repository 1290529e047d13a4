package beian.verify.adapters.persistence;

import beian.verify.core.domain.ClientNetwork;
import beian.verify.core.domain.MissWindow;
import beian.verify.core.domain.NetworkThrottle;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.port.out.PhoneThrottleRepository;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The wrong-code guards in {@code phone_throttle} (per phone) and {@code network_throttle} (per phone
 * and client network), keyed by blind indexes: neither the phone nor the address is stored.
 */
@Singleton
class JdbcPhoneThrottleRepository implements PhoneThrottleRepository {
    /** recent_misses is VARCHAR(8000) in phone_throttle and VARCHAR(2000) in network_throttle. */
    private static final int PHONE_MISSES_MAX = 8000;
    private static final int NETWORK_MISSES_MAX = 2000;
    private static final String NETWORK = "network";

    private final ThrottleRows rows;
    private final NetworkThrottleRows networkRows;
    private final PersonalDataCipher cipher;

    private final TransactionOperations<Connection> transactions;

    JdbcPhoneThrottleRepository(ThrottleRows rows, NetworkThrottleRows networkRows, PersonalDataCipher cipher,
                                TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.networkRows = networkRows;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    /**
     * One statement when the phone's row exists, as it does for every phone a code was sent to (the
     * submission created it): {@code SELECT … FOR UPDATE}. Only a phone never seen before takes the
     * create-and-lock statement and reads the row again; in READ COMMITTED the empty first read takes
     * no lock, so two first checks of one phone still serialise on the second statement.
     */
    @Override
    public PhoneThrottle lock(PhoneNumber phone) {
        String index = index(phone);
        ThrottleRow row = rows.lock(index).orElseGet(() -> {
            rows.ensure(index);
            return rows.lock(index).orElseThrow();
        });
        return new PhoneThrottle(phone, misses(row.recentMisses()), SqlTime.instant(row.lockedUntil()));
    }

    /** The create-and-lock statement alone: issuing codes needs the lock, not the row's content. */
    @Override
    public void hold(PhoneNumber phone) {
        rows.ensure(index(phone));
    }

    /** {@link #hold} of every phone in one statement, rows locked in the list's order. */
    @Override
    public void holdAll(List<PhoneNumber> phones) {
        if (phones.size() < 2) {
            phones.forEach(this::hold);
            return;
        }
        JdbcBatch.upsert(transactions.getConnection(), "phone_throttle", List.of("phone_index", "recent_misses",
                "locked_until"), phones.stream().map(p -> new Object[] {index(p), "", null}).toList(),
                "phone_index = phone_index");
    }

    @Override
    public void save(PhoneThrottle throttle) {
        rows.upsert(index(throttle.phoneKey()), text(throttle.recentMisses(), PHONE_MISSES_MAX, "phone-miss-limit"),
                SqlTime.of(throttle.lockedUntil()));
    }

    @Override
    public NetworkThrottle network(PhoneNumber phone, ClientNetwork network) {
        return networkRows.find(key(phone, network))
                .map(r -> new NetworkThrottle(phone, network,
                        new MissWindow(misses(r.recentMisses()), SqlTime.instant(r.lockedUntil()))))
                .orElse(NetworkThrottle.none(phone, network));
    }

    @Override
    public void save(NetworkThrottle throttle) {
        MissWindow misses = throttle.misses();
        networkRows.upsert(key(throttle.phone(), throttle.network()), text(misses.recentMisses(), NETWORK_MISSES_MAX, "code-miss-limit"),
                SqlTime.of(misses.lockedUntil()),
                misses.recentMisses().isEmpty() ? null : SqlTime.of(misses.recentMisses().get(misses.recentMisses().size() - 1)));
    }

    @Override
    public int purgeIdleNetworks(Instant missesBefore, Instant now) {
        return networkRows.deleteIdle(SqlTime.of(missesBefore), SqlTime.of(now));
    }

    private static List<Instant> misses(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Instant::parse).toList();
    }

    private static String text(List<Instant> misses, int max, String setting) {
        String text = misses.stream().map(Instant::toString).collect(Collectors.joining(","));
        if (text.length() > max) {
            throw new IllegalArgumentException("recent_misses: " + misses.size() + " misses exceed " + max
                    + " characters; lower beian.verification." + setting);
        }
        return text;
    }

    private String index(PhoneNumber phone) {
        return cipher.blindIndex(JdbcApplicationRepository.PHONE, phone.value());
    }

    private String key(PhoneNumber phone, ClientNetwork network) {
        return index(phone) + ":" + cipher.blindIndex(NETWORK, network.value());
    }
}
