package beian.verify.archfixtures.core.protocol;

import java.net.http.HttpClient;
import java.util.Map;

/** Each nested class names a protocol one way; each must break rule 5 on its own. */
public final class ProtocolNamers {

    private ProtocolNamers() {
    }

    /** A gRPC/JSON field path in snake_case, plain and indexed. */
    public static final class NamesASnakeCasePath {
        Map<String, String> errors(String message) {
            return Map.of("request_id", message, "websites[0].principal.id_number", message);
        }
    }

    /** A wire field in lower camelCase. */
    public static final class NamesACamelCasePath {
        static final String FIELD = "idTail";
    }

    /** A field path that labels the value a concatenation appends. */
    public static final class PrefixesAValueWithAPath {
        String describe(String province) {
            return "province: " + province;
        }
    }

    /** A field path leading an error text. */
    public static final class LeadsAMessageWithAPath {
        String rejection() {
            return "page_size: must not be negative";
        }
    }

    /** An HTTP status code. */
    public static final class NamesAnHttpStatusCode {
        String status() {
            return "404";
        }
    }

    /** The word HTTP. */
    public static final class MentionsHttp {
        String reason(int status) {
            return "HTTP " + status + " from the provider";
        }
    }

    /** A sentence of the page, in Chinese. */
    public static final class HoldsPageWording {
        String prompt() {
            return "请输入短信验证码";
        }
    }

    /** Chinese text outside ProvinceCatalog, even a province name. */
    public static final class NamesAProvinceOutsideTheCatalog {
        String capital() {
            return "北京市";
        }
    }

    /** A JDK HTTP type. */
    public static final class UsesJavaNetHttp {
        HttpClient client;
    }

    /** A type whose name says HTTP. */
    public static final class UsesAnHttpNamedType {
        Object table() {
            return new HttpStatusTable();
        }
    }

    /** Only here to be depended on by {@link UsesAnHttpNamedType}. */
    public static final class HttpStatusTable {
    }
}
