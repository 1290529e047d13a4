package beian.verify.adapters.persistence;

import beian.verify.adapters.persistence.testing.TestDatabase;

/** The migrations on H2 in MySQL mode. */
class H2MigrationTest extends MigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
