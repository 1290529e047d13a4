package beian.verify.archfixtures.core.port.out;

/** A second outbound port. */
public interface Notifier {
    void notify(String text);
}
