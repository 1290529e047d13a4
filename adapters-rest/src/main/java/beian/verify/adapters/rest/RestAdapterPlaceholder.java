package beian.verify.adapters.rest;

/** Keeps the rest adapter's jar non-empty until its first real class lands; delete it then. */
final class RestAdapterPlaceholder {
    private RestAdapterPlaceholder() {
    }
}
