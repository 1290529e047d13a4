package beian.verify.adapters.persistence;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at startup which database the service stores in, so a production start that forgot
 * BEIAN_DB_URL (and so runs on the embedded H2 file) shows in the first lines of its log.
 */
@Singleton
class DatabaseAnnouncement implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAnnouncement.class);
    private final String url;

    DatabaseAnnouncement(@Value("${beian.db.url}") String url) {
        this.url = url;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (url.startsWith("jdbc:h2:")) {
            LOG.info("Storage: embedded H2 database {} (set BEIAN_DB_URL to use MySQL)", withoutParameters(url));
        } else {
            LOG.info("Storage: {}", withoutParameters(url));
        }
    }

    /** The URL up to its parameters, which may carry credentials. */
    static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }
}
