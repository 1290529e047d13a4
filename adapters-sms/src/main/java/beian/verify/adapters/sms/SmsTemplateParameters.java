package beian.verify.adapters.sms;

import beian.verify.core.domain.SmsMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A carrier with approved templates (Tencent) sends template parameters, not text: the message's
 * code, deadline (Beijing time) and platform host, in the order the registered template names them.
 */
final class SmsTemplateParameters {
    static final List<String> NAMES = List.of("code", "deadline", "host");

    private final List<String> order;

    SmsTemplateParameters(List<String> order) {
        if (order == null || order.isEmpty()) {
            throw new IllegalArgumentException("beian.sms.tencent.template-parameters must name at least one of " + NAMES);
        }
        for (String name : order) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("beian.sms.tencent.template-parameters: '" + name
                        + "' is not one of " + NAMES);
            }
        }
        this.order = List.copyOf(order);
    }

    /** The parameters in template order. */
    List<String> of(SmsMessage message) {
        List<String> values = new ArrayList<>();
        for (String name : order) {
            values.add(switch (name) {
                case "code" -> message.code().value();
                case "deadline" -> SmsWording.deadline(message);
                default -> message.platformHost();
            });
        }
        return values;
    }
}
