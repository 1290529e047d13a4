package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.AuditRecord;
import beian.verify.adapters.grpc.v1.ListAuditRecordsRequest;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc.ReviewServiceBlockingStub;
import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.core.domain.FilingType;
import beian.verify.core.port.in.DispatchSmsUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import beian.verify.core.testing.RecordingSmsSender;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 19, from the reviewer's side: attempts on a Tianjin applicant's phone sent to the platform's
 * REST API on a host that names no province and on Gansu's host (the {@code Host} header is the
 * client's to choose, so it is written by hand over a socket), read back by Tianjin's reviewer over
 * gRPC. The whole service on real HTTP and gRPC servers and a MariaDB database of this class's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditVisibilityEndToEndTest {
    static final String TJ_REVIEWER_KEY = "e2e-audit-reviewer-tj-key";
    static final String GS_REVIEWER_KEY = "e2e-audit-reviewer-gs-key";
    static final String GANSU_HOST = "gscainfo.miitbeian.gov.cn";

    TestDatabase database;
    ApplicationContext context;
    ManagedChannel channel;
    int httpPort;

    @BeforeAll
    void start() {
        database = TestDatabase.mariaDb("audit_e2e");
        Map<String, Object> p = new HashMap<>(database.properties());
        p.put("beian.test.recording-carrier", "true");
        p.put("beian.grpc.keys[0].sha256", GrpcEndToEndTest.sha256(TJ_REVIEWER_KEY));
        p.put("beian.grpc.keys[0].reviewer-provinces", List.of("TJ"));
        p.put("beian.grpc.keys[1].sha256", GrpcEndToEndTest.sha256(GS_REVIEWER_KEY));
        p.put("beian.grpc.keys[1].reviewer-provinces", List.of("GS"));
        p.put("beian.rest.rate-limits.enabled", "false");
        context = ApplicationContext.run(EmbeddedServer.class, p, "test").getApplicationContext();
        httpPort = context.getBean(EmbeddedServer.class).getPort();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", context.getBean(GrpcEmbeddedServer.class).getPort())
                .usePlaintext().build();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void tianjinsReviewerReadsTheMissesAndTheHitOnItsApplicantsPhoneFromAHostNamingNoProvinceAndFromGansus()
            throws Exception {
        String phone = "13522220001";
        String id = People.residentId(901);
        Outcome<Submission> submitted = context.getBean(SubmitApplicationUseCase.class).submit(new SubmitApplicationCommand(
                CoreFixture.PROVIDER, "audit-e2e", FilingType.NEW_WEBSITE, "TJ", "天津示例科技有限公司", null,
                List.of(new WebsiteInput("audit-e2e.cn", People.person("张三", phone, id))), false));
        assertThat(submitted).isInstanceOf(Outcome.Ok.class);
        String applicationId = ((Outcome.Ok<Submission>) submitted).value().application().applicationId();
        context.getBean(DispatchSmsUseCase.class).dispatch(100);
        String code = context.getBean(RecordingSmsSender.class).lastCodeTo(phone);
        String wrong = code.equals("000000") ? "000001" : "000000";

        String neutral = "127.0.0.1:" + httpPort;
        assertThat(verify(neutral, phone, People.tail(id), wrong)).startsWith("HTTP/1.1 404");
        assertThat(verify(neutral, phone, People.tail(id), code)).startsWith("HTTP/1.1 200");
        assertThat(verify(GANSU_HOST, phone, People.tail(id), wrong)).startsWith("HTTP/1.1 404");
        assertThat(verify(GANSU_HOST, phone, People.tail(id), code))
                .as("Gansu's host does not serve Tianjin's application").startsWith("HTTP/1.1 404");

        List<AuditRecord> tianjin = reviewer(TJ_REVIEWER_KEY)
                .listAuditRecords(ListAuditRecordsRequest.newBuilder().setPhone(phone).build()).getRecordsList();
        assertThat(tianjin).extracting(r -> r.getOutcome() + " " + r.getProvince() + " " + r.getApplicationId())
                .containsExactly("RECORD_NOT_FOUND  ", "VERIFIED TJ " + applicationId, "RECORD_NOT_FOUND GS ",
                        "RECORD_NOT_FOUND GS ");
        assertThat(tianjin).allSatisfy(r -> {
            assertThat(r.getMaskedPhone()).isEqualTo("135****0001");
            assertThat(r.getVisibleToList()).containsExactly("TJ");
        });
        assertThat(reviewer(GS_REVIEWER_KEY)
                .listAuditRecords(ListAuditRecordsRequest.newBuilder().setPhone(phone).build()).getRecordsList())
                .as("Gansu reads what came in on its own host").hasSize(2);
    }

    private ReviewServiceBlockingStub reviewer(String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return ReviewServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** POST /api/v1/verifications with this Host header; the response's status line and the rest. */
    private String verify(String host, String phone, String idTail, String code) throws IOException {
        IssuedCaptcha captcha = context.getBean(IssueCaptchaUseCase.class).issue();
        byte[] body = context.getBean(JsonMapper.class).writeValueAsBytes(Map.of("phone", phone, "idTail", idTail,
                "code", code, "captchaId", captcha.captchaId(), "captchaAnswer", captcha.answer()));
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/verifications HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }
}
