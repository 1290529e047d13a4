package beian.verify.adapters.sms;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.port.out.SmsSender;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default carrier ({@code beian.sms.carrier: stub}, or unset): sends nothing, keeps what it was
 * given in memory for the development inbox ({@code GET /dev/sms}), and logs each message with the
 * phone masked and without its text. {@code @Secondary}, so a carrier a test or a team provides wins.
 * With {@code beian.sms.stub.inbox-file} set (the dev environment keeps it beside the data), the inbox
 * is also written there and read back at start, so it lasts as long as the applications do.
 */
@Singleton
@Secondary
@Requires(property = SmsCarrier.PROPERTY, value = "stub", defaultValue = "stub")
final class StubSmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(StubSmsSender.class);
    /** Per phone, so a long-running dev server does not grow without bound. */
    static final int KEPT_PER_PHONE = 50;
    /**
     * In all, oldest dropped first: a bench sends to hundreds of thousands of phones, and without this
     * bound every message stayed in memory and the inbox file read at start grew past the heap (a
     * second instance of the 2026-11-30 full bench died at start: a 72 MB file). About 30 MB at most.
     */
    static final int KEPT_IN_ALL = 100_000;

    /** One message "sent": its code apart too, for the dev inbox; {@code null} in lines of earlier inbox files. */
    record StubMessage(String phone, String code, String text, Instant sentAt) {
        @Override
        public String toString() {
            return "StubMessage[" + phone.substring(0, 3) + "****, " + sentAt + "]";
        }
    }

    private final Map<String, Deque<StubMessage>> inbox = new ConcurrentHashMap<>();
    /** Every message kept, oldest first (some may already have left their phone's list). */
    private final Deque<StubMessage> arrival = new ArrayDeque<>();
    private final int keptInAll;
    private final Clock clock;

    /** Where the inbox is kept across restarts; null: memory only. */
    private final Path inboxFile;

    StubSmsSender() {
        this(Clock.systemUTC(), null);
    }

    @Inject
    StubSmsSender(@Value("${beian.sms.stub.inbox-file:}") String inboxFile) {
        this(Clock.systemUTC(), inboxFile == null || inboxFile.isBlank() ? null : Path.of(inboxFile));
    }

    StubSmsSender(Clock clock, Path inboxFile) {
        this(clock, inboxFile, KEPT_IN_ALL);
    }

    StubSmsSender(Clock clock, Path inboxFile, int keptInAll) {
        this.clock = clock;
        this.inboxFile = inboxFile;
        this.keptInAll = keptInAll;
        load();
    }

    /**
     * One message a line: phone, instant, code, text, tab-separated (the text has neither tabs nor line
     * breaks; lines of earlier versions have no code). Read oldest first (files of earlier versions held
     * each phone's newest first: the instants put them in order), then written back compacted to what is
     * kept, so the file does not grow across restarts.
     */
    private void load() {
        if (inboxFile == null || !Files.isRegularFile(inboxFile)) {
            return;
        }
        try (java.util.stream.Stream<String> lines = Files.lines(inboxFile, StandardCharsets.UTF_8)) {
            Deque<String> newest = new ArrayDeque<>(); // the file's last lines only: memory stays bounded
            lines.forEach(line -> {
                newest.addLast(line);
                if (newest.size() > keptInAll) {
                    newest.removeFirst();
                }
            });
            List<StubMessage> read = new ArrayList<>();
            for (String line : newest) {
                String[] fields = line.split("\t", 4);
                if (fields.length == 4) {
                    read.add(new StubMessage(fields[0], fields[2], fields[3], Instant.parse(fields[1])));
                } else if (fields.length == 3) {
                    read.add(new StubMessage(fields[0], null, fields[2], Instant.parse(fields[1])));
                }
            }
            read.sort(Comparator.comparing(StubMessage::sentAt));
            read.forEach(this::keep);
            compact();
        } catch (IOException | RuntimeException e) {
            LOG.warn("stub carrier: the dev inbox {} could not be read, starting empty: {}", inboxFile, e.toString());
        }
    }

    private synchronized void keep(StubMessage message) {
        Deque<StubMessage> messages = inbox.computeIfAbsent(message.phone(), p -> new ArrayDeque<>());
        synchronized (messages) {
            messages.addFirst(message);
            while (messages.size() > KEPT_PER_PHONE) {
                messages.removeLast();
            }
        }
        arrival.addLast(message);
        while (arrival.size() > keptInAll) {
            StubMessage oldest = arrival.removeFirst();
            Deque<StubMessage> of = inbox.get(oldest.phone());
            if (of != null) {
                synchronized (of) {
                    of.removeLastOccurrence(oldest);
                    if (of.isEmpty()) {
                        inbox.remove(oldest.phone(), of);
                    }
                }
            }
        }
    }

    private static String line(StubMessage m) {
        return m.phone() + '\t' + m.sentAt() + '\t' + (m.code() == null ? "" : m.code() + '\t')
                + m.text().replace('\t', ' ').replace('\n', ' ') + '\n';
    }

    /** Writes what is kept, oldest first, through a file of this instance's own (another may share the directory). */
    private void compact() throws IOException {
        List<StubMessage> kept = new ArrayList<>();
        inbox.values().forEach(messages -> {
            synchronized (messages) {
                kept.addAll(messages);
            }
        });
        kept.sort(Comparator.comparing(StubMessage::sentAt));
        StringBuilder lines = new StringBuilder();
        kept.forEach(m -> lines.append(line(m)));
        Path directory = inboxFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, inboxFile.getFileName().toString(), ".tmp");
        Files.writeString(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, inboxFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Appends one line: the cost of a message does not grow with the inbox (rewriting the file at
     * every message made 100,000 queued texts quadratic: about 35 a second in the bench).
     */
    private synchronized void append(StubMessage message) {
        if (inboxFile == null) {
            return;
        }
        try {
            Files.createDirectories(inboxFile.toAbsolutePath().getParent());
            Files.writeString(inboxFile, line(message), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("stub carrier: the dev inbox {} could not be written: {}", inboxFile, e.toString());
        }
    }

    @Override
    public SendResult send(SmsMessage message, String idempotencyKey) {
        PhoneNumber phone = message.phone();
        String text = SmsWording.text(message);
        String reference = "stub-" + UUID.randomUUID();
        StubMessage sent = new StubMessage(phone.value(), message.code().value(), text, clock.instant());
        keep(sent);
        append(sent);
        LOG.info("stub carrier: SMS to {} accepted as {} (key {})", phone.masked(), reference, idempotencyKey);
        return new SendResult.Accepted(reference);
    }

    /** What was sent to the phone, newest first. */
    List<StubMessage> sentTo(PhoneNumber phone) {
        Deque<StubMessage> messages = inbox.get(phone.value());
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
