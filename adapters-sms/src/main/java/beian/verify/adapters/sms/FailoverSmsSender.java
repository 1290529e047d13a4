package beian.verify.adapters.sms;

import beian.verify.core.domain.SmsMessage;
import beian.verify.core.port.out.SmsSender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several carriers in a configured order ({@code beian.sms.carriers: [tencent, aliyun]}): each message goes to
 * the first; after {@code beian.sms.failover.attempts-per-carrier} transient failures of it, its next attempts go
 * to the next carrier, and after the last back to the first. Every carrier gets the same idempotency key (the
 * outbox id) in its own field. A permanent refusal is the core's to record, as with one carrier. The core's
 * retries with backoff stay what they are: this only chooses who gets each attempt, so the core does not know
 * there are several.
 *
 * <p>The attempts per message are counted here, in memory, bounded: after a restart, or on another instance
 * that takes the message over, it starts again at the first carrier, which costs at most a few attempts and
 * loses nothing. Each carrier's recent success rate is a gauge ({@code beian.sms.carrier.success-rate}, tag
 * {@code carrier}) and a detail of {@code /health} ({@link CarrierHealthIndicator}).
 */
@Singleton
@Primary
@Requires(condition = SmsCarrier.FailoverSelected.class)
final class FailoverSmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverSmsSender.class);
    /** Messages whose attempts are remembered; beyond that the oldest is forgotten (it starts over). */
    static final int REMEMBERED = 10_000;

    /** One carrier of the order, by its configuration name. */
    record Carrier(String name, SmsSender sender) {
    }

    private final List<Carrier> carriers;
    private final int attemptsPerCarrier;
    private final Map<String, CarrierHealth> health = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    @Inject
    FailoverSmsSender(BeanContext beans, @Value("${" + SmsCarrier.LIST + "}") List<String> names,
                      @Value("${beian.sms.failover.attempts-per-carrier:2}") int attemptsPerCarrier,
                      @Value("${beian.sms.failover.health-window:100}") int healthWindow,
                      BeanProvider<MeterRegistry> registry) {
        this(carriers(beans, names), attemptsPerCarrier, healthWindow);
        registry.ifPresent(r -> health.forEach((name, h) -> Gauge.builder("beian.sms.carrier.success-rate", h,
                CarrierHealth::successRate).tag("carrier", name)
                .description("accepted share of the carrier's recent attempts").register(r)));
    }

    FailoverSmsSender(List<Carrier> carriers, int attemptsPerCarrier, int healthWindow) {
        if (carriers.size() < 2) {
            throw new IllegalArgumentException(SmsCarrier.LIST + " needs two carriers or more to fail over");
        }
        if (attemptsPerCarrier < 1) {
            throw new IllegalArgumentException("beian.sms.failover.attempts-per-carrier must be at least 1");
        }
        this.carriers = List.copyOf(carriers);
        this.attemptsPerCarrier = attemptsPerCarrier;
        carriers.forEach(c -> health.put(c.name(), new CarrierHealth(healthWindow)));
    }

    private static List<Carrier> carriers(BeanContext beans, List<String> names) {
        List<Carrier> carriers = new ArrayList<>();
        for (String raw : names) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!List.of(SmsCarrier.TENCENT, SmsCarrier.ALIYUN).contains(name)) {
                throw new IllegalArgumentException(SmsCarrier.LIST + ": '" + raw + "' is not a carrier (tencent, aliyun)");
            }
            carriers.add(new Carrier(name, beans.getBean(SmsSender.class, Qualifiers.byName(name))));
        }
        return carriers;
    }

    @Override
    public SendResult send(SmsMessage message, String idempotencyKey) {
        int attempt;
        synchronized (attempts) {
            attempt = attempts.getOrDefault(idempotencyKey, 0);
        }
        Carrier carrier = carriers.get((attempt / attemptsPerCarrier) % carriers.size());
        SendResult result = carrier.sender().send(message, idempotencyKey);
        health.get(carrier.name()).record(result instanceof SendResult.Accepted);
        synchronized (attempts) {
            if (result instanceof SendResult.TransientFailure) {
                attempts.put(idempotencyKey, attempt + 1);
            } else {
                attempts.remove(idempotencyKey);
            }
        }
        if (result instanceof SendResult.TransientFailure && (attempt + 1) % attemptsPerCarrier == 0) {
            LOG.warn("SMS {} failed {} times on {}: its next attempt goes to {}", idempotencyKey, attemptsPerCarrier,
                    carrier.name(), carriers.get(((attempt + 1) / attemptsPerCarrier) % carriers.size()).name());
        }
        return result;
    }

    /** Each carrier's recent record, in the configured order. */
    Map<String, CarrierHealth> health() {
        return Map.copyOf(health);
    }

    List<String> order() {
        return carriers.stream().map(Carrier::name).toList();
    }

    @Override
    public String toString() {
        return "FailoverSmsSender" + order();
    }
}
