package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The startup line names the database, never the credentials a URL may carry. */
class DatabaseAnnouncementTest {
    @Test
    void theAnnouncedUrlStopsBeforeItsParameters() {
        assertThat(DatabaseAnnouncement.withoutParameters("jdbc:mysql://db:3306/beian?user=u&password=secret"))
                .isEqualTo("jdbc:mysql://db:3306/beian");
        assertThat(DatabaseAnnouncement.withoutParameters("jdbc:h2:file:./data/beian;MODE=MySQL;PASSWORD=x"))
                .isEqualTo("jdbc:h2:file:./data/beian");
        assertThat(DatabaseAnnouncement.withoutParameters("jdbc:mysql://db/beian")).isEqualTo("jdbc:mysql://db/beian");
    }
}
