package beian.verify.adapters.persistence;

import beian.verify.adapters.persistence.testing.TestDatabase;

/** The migrations on a real MariaDB, a database of their own per test. */
class MariaDbMigrationTest extends MigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariaDb("persistence_migration");
    }
}
