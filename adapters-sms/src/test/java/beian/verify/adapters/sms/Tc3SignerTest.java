package beian.verify.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked example of Tencent's "签名方法 v3" documentation (DescribeInstances on cvm, 2019-02-25) as a
 * fixed vector: every intermediate value the documentation prints, and its final signature.
 */
class Tc3SignerTest {
    static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    static final Instant TIMESTAMP = Instant.ofEpochSecond(1551113065);
    static final String PAYLOAD =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";

    static Map<String, String> documentedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "cvm.tencentcloudapi.com"); // out of order on purpose: the signer sorts
        headers.put("Content-Type", "application/json; charset=utf-8");
        return headers;
    }

    @Test
    void theCanonicalRequestIsTheDocumentedOne() {
        String canonical = Tc3Signer.canonicalRequest(Tc3Signer.canonicalHeaders(documentedHeaders()), PAYLOAD);

        assertThat(Tc3Signer.sha256Hex(PAYLOAD))
                .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(canonical).isEqualTo("POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
                + "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
                + "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(Tc3Signer.sha256Hex(canonical))
                .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
    }

    @Test
    void theStringToSignIsTheDocumentedOne() {
        assertThat(Tc3Signer.stringToSign(Tc3Signer.canonicalHeaders(documentedHeaders()), PAYLOAD, TIMESTAMP,
                "2019-02-25/cvm/tc3_request"))
                .isEqualTo("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                        + "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
    }

    @Test
    void theAuthorizationIsTheDocumentedOneWithTheUtcDateOfTheTimestamp() {
        // 1551113065 is 2019-02-26 00:44:25 in Beijing: the scope must still say 2019-02-25 (UTC).
        assertThat(new Tc3Signer(SECRET_ID, SECRET_KEY).authorization("cvm", documentedHeaders(), PAYLOAD, TIMESTAMP))
                .isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                        + "SignedHeaders=content-type;host, "
                        + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void anyChangeToTheBodyChangesTheSignature() {
        Tc3Signer signer = new Tc3Signer(SECRET_ID, SECRET_KEY);
        assertThat(signer.authorization("cvm", documentedHeaders(), PAYLOAD.replace("1", "2"), TIMESTAMP))
                .doesNotContain("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void itsTextFormNeverShowsTheSecretKey() {
        assertThat(new Tc3Signer(SECRET_ID, SECRET_KEY).toString()).doesNotContain(SECRET_KEY);
    }
}
