package beian.verify.adapters.persistence;

/** The migrations on a real MariaDB, a database of their own per test. */
class MariaDbMigrationTest extends MigrationContract {
    @Override
    protected TestDatabase database() {
        return TestDatabase.mariaDb("migration");
    }
}
