package beian.verify.adapters.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A carrier with approved templates (Tencent) sends template parameters, not text: this takes the
 * code, the deadline and the platform host out of the text the core composed, in the template's order.
 * The core's wording is pinned by a test of this adapter, so a change there fails here first.
 */
final class SmsTemplateParameters {
    static final List<String> NAMES = List.of("code", "deadline", "host");
    private static final Pattern TEXT = Pattern.compile("验证码为(\\d{6})，请于(.+?)（北京时间）前登录 (\\S+) 完成核验");

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

    /** The parameters in template order; empty when the text is not the verification SMS. */
    Optional<List<String>> of(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.find()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (String name : order) {
            values.add(switch (name) {
                case "code" -> m.group(1);
                case "deadline" -> m.group(2);
                default -> m.group(3);
            });
        }
        return Optional.of(values);
    }
}
