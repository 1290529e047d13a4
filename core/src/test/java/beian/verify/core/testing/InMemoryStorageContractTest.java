package beian.verify.core.testing;

/** The storage contract against the in-memory fakes the core's tests run on. */
class InMemoryStorageContractTest extends StorageContract {
    @Override
    protected Storage freshStorage() {
        return Storage.inMemory();
    }
}
