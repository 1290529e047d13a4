package beian.verify.adapters.persistence;

import beian.verify.core.testing.Storage;
import beian.verify.core.testing.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on H2 in MySQL mode: the embedded default, same repositories, same migrations. */
class H2StorageContractTest extends StorageContract {
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
    protected Storage freshStorage() {
        db.clear();
        return db.storage();
    }

    @Override
    protected void sequenceCommittedEvents() {
        db.bean(EventSequencer.class).sequenceCommitted();
    }
}
