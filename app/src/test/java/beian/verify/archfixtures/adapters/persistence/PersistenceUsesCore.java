package beian.verify.archfixtures.adapters.persistence;

import beian.verify.archfixtures.core.CleanCoreType;

/** Follows rule 2: an adapter depends on the core only. */
public final class PersistenceUsesCore {
    public Object now(CleanCoreType core) {
        return core.now();
    }
}
