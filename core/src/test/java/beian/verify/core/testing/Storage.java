package beian.verify.core.testing;

import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.DueApplications;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.SentSmsLog;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;

/** The storage ports of one implementation, for {@link StorageContract}. */
public record Storage(
        TransactionRunner tx,
        ApplicationRepository applications,
        ApplicationQueries queries,
        DueApplications due,
        FiledRecordRepository filedRecords,
        EventStore events,
        SmsOutbox outbox,
        PhoneThrottleRepository throttles,
        CaptchaStore captchas,
        SentSmsLog sentSms,
        AuditTrail audit,
        AuditRecords auditRecords) {

    /** The in-memory fakes. */
    public static Storage inMemory() {
        InMemoryTransactions tx = new InMemoryTransactions();
        InMemoryApplicationRepository applications = new InMemoryApplicationRepository(tx);
        InMemoryAuditTrail audit = new InMemoryAuditTrail(tx);
        return new Storage(tx, applications, applications, applications, new InMemoryFiledRecordRepository(tx),
                new InMemoryEventStore(tx), new InMemorySmsOutbox(tx), new InMemoryPhoneThrottles(tx),
                new InMemoryCaptchaStore(tx), new InMemorySentSmsLog(tx), audit, audit);
    }
}
