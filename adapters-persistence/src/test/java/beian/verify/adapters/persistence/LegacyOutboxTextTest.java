package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.testing.Storage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Version 0.1.0 queued the rendered SMS text where the outbox now keeps only the code. A message it
 * queued and had not sent yet must still go out after the upgrade, with its code.
 */
class LegacyOutboxTextTest {
    private static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");

    @Test
    void aQueuedMessageHoldingTheWholeOldTextIsReadWithItsCode() {
        try (PersistenceContext db = PersistenceContext.h2()) {
            Storage s = db.storage();
            OutboundSms queued = OutboundSms.queued("sms-legacy", new ProviderId("p1"), ApplicationId.newId(T0), 1,
                    new PhoneNumber("13800000001"), new VerificationCode("000000"), SmsTrigger.INITIAL, T0);
            s.tx().inTransaction(() -> {
                s.outbox().enqueue(queued);
                return null;
            });
            String oldText = "【ICP备案】您的备案短信核验验证码为482913，请于2026年11月30日10:00（北京时间）前登录 "
                    + "tjcainfo.miitbeian.gov.cn 完成核验。请勿向他人泄露。";
            db.sql("UPDATE sms_outbox SET sms_text = '"
                    + db.bean(PersonalDataCipher.class).encrypt(JdbcSmsOutbox.TEXT, oldText) + "' WHERE id = 'sms-legacy'");

            OutboundSms read = s.tx().inTransaction(() -> s.outbox().find("sms-legacy")).orElseThrow();

            assertThat(read.code()).isEqualTo(new VerificationCode("482913"));
        }
    }
}
