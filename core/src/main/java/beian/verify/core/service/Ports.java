package beian.verify.core.service;

import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.port.out.TransactionRunner;
import java.util.Objects;

/** The outbound ports the services are built on, wired once by the application. */
public record Ports(
        AppClock clock,
        TransactionRunner transactions,
        ApplicationRepository applications,
        FiledRecordRepository filedRecords,
        EventStore events,
        SmsOutbox outbox,
        PhoneThrottleRepository throttles,
        CaptchaStore captchas,
        AuditTrail audit,
        SmsSender sms,
        KeyedHasher hasher,
        CodeGenerator codes,
        RandomSource random,
        DispatchSignal dispatchSignal) {

    public Ports {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(applications, "applications");
        Objects.requireNonNull(filedRecords, "filedRecords");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(throttles, "throttles");
        Objects.requireNonNull(captchas, "captchas");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(sms, "sms");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(dispatchSignal, "dispatchSignal");
    }
}
