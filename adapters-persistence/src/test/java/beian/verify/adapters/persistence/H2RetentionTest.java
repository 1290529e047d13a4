package beian.verify.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Retention on H2 (the development database): the same statements run there. */
class H2RetentionTest extends RetentionContract {
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.h2();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Override
    protected PersistenceContext db() {
        return db;
    }
}
