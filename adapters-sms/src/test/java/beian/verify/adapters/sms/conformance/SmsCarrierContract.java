package beian.verify.adapters.sms.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.sms.conformance.FakeCarrierServer.Family;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.port.out.SmsSender.SendResult;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.People;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * The carrier conformance kit: what every {@link SmsSender} adapter must do, checked against a local fake
 * of its carrier's HTTP API ({@link FakeCarrierServer}), never the real carrier. An adapter's test extends
 * this class and says how to start its fake, how to build the adapter against it, the carrier's published
 * signature example, its secrets, and how its delivery reports arrive. Shipped in adapters-sms's test-jar;
 * docs/carriers.md walks through writing one.
 */
public abstract class SmsCarrierContract {
    /** 2026-11-28 10:00 Beijing: the deadline is 2026-11-30 10:00, the platform host Tianjin's. */
    protected static final String PHONE = "13900000002";
    protected static final String CODE = "042137";
    protected static final String HOST = "tjcainfo.miitbeian.gov.cn";
    protected static final String DEADLINE = "2026年11月30日10:00";
    /** Long enough for a loaded build machine, shorter than {@link FakeCarrierServer#TIMEOUT_DELAY}. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The carrier's published worked example of its signature, and what the adapter's signer makes of the same inputs. */
    public record PublishedSignature(String published, String computed) {
    }

    /** A delivery report the kit asks the carrier's format to carry. */
    public record Report(String carrierReference, boolean delivered) {
    }

    /** The adapter's receiving end of delivery reports, posted as the carrier posts them; each call answers the HTTP status. */
    public interface DeliveryReceiver extends AutoCloseable {
        /** The reports, with the credentials the carrier is configured to send. */
        int post(List<Report> reports);

        /** The reports, as a stranger would post them: without the credentials or with wrong ones. */
        int postForged(List<Report> reports);

        /** A report naming the message but missing what the carrier always sends (its outcome). */
        int postMalformed(String carrierReference);

        @Override
        void close();
    }

    protected abstract FakeCarrierServer startCarrier() throws IOException;

    /** The adapter with the credentials the fake expects, reaching the carrier at {@code endpoint}. */
    protected abstract SmsSender sender(String endpoint, Duration timeout);

    /** The adapter with a secret the fake does not know. */
    protected abstract SmsSender senderWithWrongSecret(String endpoint);

    protected abstract PublishedSignature publishedSignature();

    /** The secrets {@link #sender} is configured with: none may reach the log. */
    protected abstract List<String> secrets();

    /** Starts the adapter's delivery-report endpoint, recording through {@code deliveries}. */
    protected abstract DeliveryReceiver deliveryReceiver(RecordDeliveryUseCase deliveries);

    protected FakeCarrierServer carrier;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void startTheFakeCarrier() throws IOException {
        carrier = startCarrier();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        carrier.close();
    }

    /** A message as the core hands it over: Tianjin, deadline 2026-11-30 10:00 Beijing. */
    protected static SmsMessage message() {
        return new SmsMessage(PhoneNumber.of(PHONE), new VerificationCode(CODE), HOST, Instant.parse("2026-11-30T02:00:00Z"),
                ZoneId.of("Asia/Shanghai"), new ProvinceCode("TJ"), SmsTrigger.INITIAL);
    }

    private SmsSender open(SmsSender sender) {
        if (sender instanceof AutoCloseable c) {
            opened.add(c);
        }
        return sender;
    }

    private SmsSender sender() {
        return open(sender(carrier.url(), TIMEOUT));
    }

    /** A world whose SMS go out through the adapter under test, with one message sent; its outbox entry. */
    private CoreFixture worldWithOneSms() {
        CoreFixture world = new CoreFixture(MutableClock.shanghai(2026, 11, 28, 10, 0), ProvinceCatalog.defaults(),
                VerificationPolicy.defaults(), VerificationSettings.defaults(), sender());
        world.codes.then(CODE);
        world.submitNewWebsite("r1", "a.cn", People.person("李四", PHONE, People.residentId(2)));
        return world;
    }

    @Test
    void theSignerReproducesTheCarriersPublishedWorkedExample() {
        PublishedSignature example = publishedSignature();

        assertThat(example.published()).isNotBlank();
        assertThat(example.computed()).isEqualTo(example.published());
    }

    @Test
    void aMessageOfTheCoreGoesOutSignedWithCodeHostAndDeadlineUnderItsOutboxId() {
        CoreFixture world = worldWithOneSms();

        assertThat(carrier.received()).hasSize(1);
        FakeCarrierServer.Received call = carrier.received().get(0);
        assertThat(call.signatureProblem()).isNull();
        assertThat(call.phone()).endsWith(PHONE);
        assertThat(call.templateParameters().values()).contains(CODE, HOST, DEADLINE);
        OutboundSms sms = world.outbox.all().get(0);
        assertThat(call.idempotencyKey()).isEqualTo(sms.id());
        assertThat(sms.status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(sms.carrierReference()).isNotBlank();
        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
    }

    @Test
    void theFakeRefusesAWrongSecretSoTheSignatureCheckCanFail() {
        SendResult result = open(senderWithWrongSecret(carrier.url())).send(message(), "key-1");

        assertThat(carrier.received()).hasSize(1);
        assertThat(carrier.received().get(0).signatureProblem()).isNotNull();
        // our credentials, not the message: transient, so fixing the configuration loses nothing
        assertThat(result).isInstanceOf(SendResult.TransientFailure.class);
    }

    @Test
    void theIdempotencyKeyIsSentOnEveryAttempt() {
        SmsSender sender = sender();
        carrier.then(Family.THROTTLED).then(Family.SERVER_ERROR);

        sender.send(message(), "outbox-7");
        sender.send(message(), "outbox-7");
        SendResult third = sender.send(message(), "outbox-7");

        assertThat(third).isInstanceOf(SendResult.Accepted.class);
        assertThat(carrier.received()).extracting(FakeCarrierServer.Received::idempotencyKey)
                .containsExactly("outbox-7", "outbox-7", "outbox-7");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void eachErrorFamilyMapsToAcceptedTransientOrPermanent(Family family) {
        carrier.then(family);

        SendResult result = sender().send(message(), "key-1");

        Class<? extends SendResult> expected = switch (family) {
            case ACCEPTED -> SendResult.Accepted.class;
            case BAD_NUMBER, TEMPLATE_NOT_APPROVED -> SendResult.PermanentFailure.class;
            case THROTTLED, INSUFFICIENT_BALANCE, SERVER_ERROR, TIMEOUT, MALFORMED -> SendResult.TransientFailure.class;
        };
        assertThat(result).as(family.name()).isInstanceOf(expected);
    }

    @Test
    void anUnreachableCarrierIsATransientFailure() {
        String url = carrier.url();
        carrier.close();

        assertThat(open(sender(url, TIMEOUT)).send(message(), "key-1")).isInstanceOf(SendResult.TransientFailure.class);
    }

    @Test
    void theSecretsTheCodeAndTheWholePhoneNeverReachTheLog() {
        SmsSender sender = sender();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            sender.send(message(), "key-1");
            carrier.then(Family.BAD_NUMBER);
            sender.send(message(), "key-2");
        } finally {
            root.detachAppender(log);
        }

        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(PhoneNumber.of(PHONE).masked()));
        for (String secret : secrets()) {
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains(secret));
            assertThat(sender.toString()).doesNotContain(secret);
        }
        assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf(CODE, PHONE));
    }

    @Test
    void aDeliveryReportIsRecordedOnceHoweverOftenTheCarrierSendsIt() {
        CoreFixture world = worldWithOneSms();
        String reference = world.outbox.all().get(0).carrierReference();
        try (DeliveryReceiver receiver = deliveryReceiver(world.deliveries)) {
            assertThat(receiver.post(List.of(new Report(reference, true)))).isEqualTo(200);
            assertThat(receiver.post(List.of(new Report(reference, true), new Report(reference, false)))).isEqualTo(200);
        }

        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT,
                EventType.SMS_DELIVERED);
        assertThat(world.outbox.all().get(0).delivery()).isEqualTo(OutboundSms.Delivery.DELIVERED);
    }

    @Test
    void anUndeliveredReportIsRecordedAsUndelivered() {
        CoreFixture world = worldWithOneSms();
        String reference = world.outbox.all().get(0).carrierReference();
        try (DeliveryReceiver receiver = deliveryReceiver(world.deliveries)) {
            assertThat(receiver.post(List.of(new Report(reference, false)))).isEqualTo(200);
        }

        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT,
                EventType.SMS_UNDELIVERED);
    }

    @Test
    void aReportThatIsNotAuthenticIsRefusedAndRecordsNothing() {
        CoreFixture world = worldWithOneSms();
        String reference = world.outbox.all().get(0).carrierReference();
        try (DeliveryReceiver receiver = deliveryReceiver(world.deliveries)) {
            assertThat(receiver.postForged(List.of(new Report(reference, true)))).isBetween(400, 499);
        }

        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
    }

    @Test
    void aMalformedReportIsRefusedAndRecordsNothing() {
        CoreFixture world = worldWithOneSms();
        String reference = world.outbox.all().get(0).carrierReference();
        try (DeliveryReceiver receiver = deliveryReceiver(world.deliveries)) {
            assertThat(receiver.postMalformed(reference)).isEqualTo(400);
        }

        assertThat(world.eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT);
    }
}
