package beian.verify.archfixtures.core.port.out;

/** An outbound port, like those in the real {@code core.port.out}. */
public interface RecordStore {
    String load(String id);
}
