package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.People;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a leaked database shows: no phone, no full ID number, no ID tail, no code in any column of
 * any table, after a whole round of submission, SMS, a wrong and a right verification. And the
 * service refuses to start without its keys.
 */
class PersonalDataAtRestTest {
    static final String PHONE = "13700000021";
    static final String SUBJECT_PHONE = "13700000022";

    @Test
    void noTableHoldsAPhoneAnIdNumberATailOrACode() throws Exception {
        String id = People.residentId(21);
        try (PersistenceContext db = PersistenceContext.h2()) {
            RealCore core = new RealCore(db, Instant.parse("2026-11-28T02:00:00Z"));
            core.submitOk(new beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand(
                    RealCore.PROVIDER, "at-rest", beian.verify.core.domain.FilingType.NEW_FILING, "TJ", "示例",
                    People.person("甲", SUBJECT_PHONE, People.residentId(22)),
                    java.util.List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("at-rest.cn",
                            People.person("乙", PHONE, id))), false));
            // queued, not yet sent: the outbox holds the SMS text with the code
            String everything = dump(db);
            core.dispatch();
            String code = core.carrier.lastCodeTo(PHONE);
            assertThat(core.verify(PHONE, "00000X", code)).isInstanceOf(VerifyCodeResult.Refused.class);
            assertThat(core.verify(PHONE, People.tail(id), code)).isInstanceOf(VerifyCodeResult.Verified.class);
            everything += dump(db);

            assertThat(everything).contains("at-rest.cn") // the dump does read the data
                    .doesNotContain(PHONE).doesNotContain(SUBJECT_PHONE)
                    .doesNotContain(id).doesNotContain(People.tail(id)).doesNotContain(code);
        }
    }

    private static String dump(PersistenceContext db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.database.connect(); Statement s = c.createStatement()) {
            for (String table : PersistenceContext.TABLES) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(r.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    @Test
    void withoutItsKeysTheServiceDoesNotStartAndSaysWhichAreMissing() {
        TestDatabase database = TestDatabase.h2();
        try {
            assertThatThrownBy(() -> ApplicationContext.builder().properties(Map.of(
                    "beian.db.url", database.url(), "beian.security.data-key-id", "",
                    "beian.security.blind-index-key", "")).start())
                    .hasStackTraceContaining("beian.security.data-key-id")
                    .hasStackTraceContaining("beian.security.blind-index-key");
        } finally {
            database.close();
        }
    }
}
