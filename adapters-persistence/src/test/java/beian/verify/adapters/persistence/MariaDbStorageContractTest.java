package beian.verify.adapters.persistence;

import beian.verify.core.testing.Storage;
import beian.verify.core.testing.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on a real MariaDB (MySQL protocol, Connector/J), in a database of its own. */
class MariaDbStorageContractTest extends StorageContract {
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.mariaDb("contract");
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
