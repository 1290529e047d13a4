package beian.verify.adapters.persistence;

/** Keeps the persistence adapter's jar non-empty until its first real class lands; delete it then. */
final class PersistenceAdapterPlaceholder {
    private PersistenceAdapterPlaceholder() {
    }
}
