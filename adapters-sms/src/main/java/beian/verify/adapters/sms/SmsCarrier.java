package beian.verify.adapters.sms;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.type.Argument;
import java.util.List;

/** The configuration switches that pick the carriers behind {@code SmsSender}. */
final class SmsCarrier {
    /** One carrier: {@code stub} (the default), {@code tencent} or {@code aliyun}. */
    static final String PROPERTY = "beian.sms.carrier";
    /** Several carriers in failover order, e.g. {@code [tencent, aliyun]}; wins over {@link #PROPERTY}. */
    static final String LIST = "beian.sms.carriers";
    static final String TENCENT = "tencent";
    static final String ALIYUN = "aliyun";

    private SmsCarrier() {
    }

    /** The carriers configured, in order: the list when there is one, else the one carrier. */
    static List<String> configured(ConditionContext<?> context) {
        List<String> list = context.getProperty(LIST, Argument.listOf(String.class)).orElse(List.of());
        if (!list.isEmpty()) {
            return list.stream().map(String::strip).toList();
        }
        return List.of(context.getProperty(PROPERTY, String.class).orElse("stub").strip());
    }

    /** A carrier's beans exist when it is the carrier or one of the list. */
    abstract static class Selected implements Condition {
        private final String name;

        Selected(String name) {
            this.name = name;
        }

        @Override
        public boolean matches(ConditionContext context) {
            return configured(context).contains(name);
        }
    }

    /** Tencent is configured. */
    static final class TencentSelected extends Selected {
        TencentSelected() {
            super(TENCENT);
        }
    }

    /** Alibaba Cloud is configured. */
    static final class AliyunSelected extends Selected {
        AliyunSelected() {
            super(ALIYUN);
        }
    }

    /** More than one carrier is configured: they fail over. */
    static final class FailoverSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return context.getProperty(LIST, Argument.listOf(String.class)).orElse(List.of()).size() > 1;
        }
    }
}
