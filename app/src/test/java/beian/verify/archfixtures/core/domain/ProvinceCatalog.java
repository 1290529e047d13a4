package beian.verify.archfixtures.core.domain;

import java.util.Map;

/** Like the real catalog: official province names are domain data, the one place Chinese text may live. */
public final class ProvinceCatalog {

    public Map<String, String> names() {
        return Map.of("110000", "北京市", "310000", "上海市");
    }
}
