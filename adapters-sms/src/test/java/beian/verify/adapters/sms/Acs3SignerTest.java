package beian.verify.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signature example of Alibaba Cloud's "V3版本请求体&签名机制" (RunInstances on ecs, 2014-05-26, fixed nonce and
 * date, the AccessKey secret "YourAccessKeySecret") as a fixed vector: each intermediate value and the published
 * signature 06563a9e….
 */
class Acs3SignerTest {
    static final String ACCESS_KEY_ID = "YourAccessKeyId";
    static final String ACCESS_KEY_SECRET = "YourAccessKeySecret";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String PUBLISHED_SIGNATURE = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

    static Map<String, String> documentedQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("RegionId", "cn-shanghai"); // out of order on purpose: the signer sorts
        query.put("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
        return query;
    }

    static Map<String, String> documentedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-acs-version", "2014-05-26");
        headers.put("host", "ecs.cn-shanghai.aliyuncs.com");
        headers.put("x-acs-action", "RunInstances");
        headers.put("x-acs-content-sha256", EMPTY_SHA256);
        headers.put("x-acs-date", "2023-10-26T10:22:32Z");
        headers.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
        return headers;
    }

    static String documentedAuthorization() {
        return new Acs3Signer(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
                .authorization("POST", "/", documentedQuery(), documentedHeaders(), EMPTY_SHA256);
    }

    @Test
    void theCanonicalRequestAndItsHashAreTheDocumentedOnes() {
        String canonical = Acs3Signer.canonicalRequest("POST", "/", Acs3Signer.canonicalQuery(documentedQuery()),
                Acs3Signer.canonicalHeaders(documentedHeaders()), Acs3Signer.sha256Hex(""));

        assertThat(Acs3Signer.sha256Hex("")).isEqualTo(EMPTY_SHA256);
        assertThat(canonical).isEqualTo("POST\n/\n"
                + "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
                + "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:" + EMPTY_SHA256 + "\n"
                + "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
                + "x-acs-version:2014-05-26\n\n"
                + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n" + EMPTY_SHA256);
        assertThat(Acs3Signer.stringToSign(canonical))
                .isEqualTo("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    }

    @Test
    void theAuthorizationCarriesThePublishedSignature() {
        assertThat(documentedAuthorization()).isEqualTo("ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
                + "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
                + "Signature=" + PUBLISHED_SIGNATURE);
    }

    @Test
    void percentEncodingIsRfc3986AsAlibabaWantsIt() {
        assertThat(Acs3Signer.percentEncode("a b*c~d/é")).isEqualTo("a%20b%2Ac~d%2F%C3%A9");
        assertThat(Acs3Signer.percentEncode("{\"code\":\"042137\"}")).isEqualTo("%7B%22code%22%3A%22042137%22%7D");
    }

    @Test
    void itsTextFormNeverShowsTheSecret() {
        assertThat(new Acs3Signer(ACCESS_KEY_ID, ACCESS_KEY_SECRET).toString()).doesNotContain(ACCESS_KEY_SECRET);
    }
}
