package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.in.SendAutoResendsUseCase;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.DueApplications;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The automatic resend at noon the day after submission: each target still pending gets its code again.
 * Each application in its own transaction (one failure does not undo the rest), taking the locks
 * in the order every path takes them: the phones, then the applications open on them.
 */
public final class SendAutoResendsService implements SendAutoResendsUseCase {
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final DueApplications due;
    private final ApplicationQueries queries;
    private final ApplicationRepository applications;
    private final PhoneThrottleRepository throttles;
    private final SmsOutbox outbox;
    private final DispatchSignal dispatchSignal;
    private final CodeIssuer codeIssuer;

    public SendAutoResendsService(TransactionRunner transactions, AppClock clock, DueApplications due,
                                  ApplicationQueries queries, ApplicationRepository applications,
                                  PhoneThrottleRepository throttles, SmsOutbox outbox, KeyedHasher hasher,
                                  CodeGenerator codes, RandomSource random, DispatchSignal dispatchSignal) {
        this.transactions = transactions;
        this.clock = clock;
        this.due = due;
        this.queries = queries;
        this.applications = applications;
        this.throttles = throttles;
        this.outbox = outbox;
        this.dispatchSignal = dispatchSignal;
        this.codeIssuer = new CodeIssuer(codes, new Secrets(hasher), random);
    }

    @Override
    public WorkReport sendAutoResends(int batchSize) {
        Instant now = clock.now();
        List<ApplicationId> ids = transactions.inTransaction(() -> due.findDueForAutoResend(now, batchSize));
        WorkReport report = PerItem.run(ids, ApplicationId::value,
                id -> transactions.inTransaction(() -> resend(id, now)));
        if (report.done() > 0) {
            dispatchSignal.messagesQueued();
        }
        return report;
    }

    private boolean resend(ApplicationId id, Instant now) {
        Optional<ApplicationState> unlocked = queries.findById(id);
        if (unlocked.isEmpty()) {
            return false;
        }
        List<PhoneNumber> phones = unlocked.get().targets().stream().filter(VerificationTarget::isPending)
                .map(VerificationTarget::phone).distinct().sorted(Comparator.comparing(PhoneNumber::value)).toList();
        PhoneLocks.lock(throttles, phones);
        Map<ApplicationId, FilingApplication> open = new LinkedHashMap<>();
        applications.lockOpenByPhones(phones, now)
                .forEach(state -> open.putIfAbsent(state.id(), FilingApplication.restore(state)));
        FilingApplication application = open.get(id);
        if (application == null) {
            return false;
        }
        List<Integer> targets = application.takeAutoResend(now);
        if (targets.isEmpty()) {
            return false;
        }
        List<OutboundSms> messages = new ArrayList<>();
        for (int number : targets) {
            messages.add(codeIssuer.issue(application, number, SmsTrigger.AUTO_RESEND, List.copyOf(open.values()), now));
        }
        applications.update(application);
        outbox.enqueueAll(messages);
        return true;
    }
}
