package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.FiledRecord;
import beian.verify.adapters.grpc.v1.IdType;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsRequest;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.testing.HostileValues;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC API fed hostile messages: random and hostile strings in every field, enum numbers the
 * proto does not define, many repeated websites, missing nested messages. A call is answered or
 * refused with a status of the contract, never INTERNAL or UNKNOWN; an INVALID_ARGUMENT names its
 * field; a refused submission stores nothing.
 */
@MicronautTest
class HostileMessagesGrpcTest extends GrpcTestSupport {
    private static final int CALLS = 250;
    private static final Set<Status.Code> CONTRACT = Set.of(Status.Code.INVALID_ARGUMENT,
            Status.Code.FAILED_PRECONDITION, Status.Code.NOT_FOUND);
    private final Random random = new Random(20261130L);
    private JulCapture protobuf;

    /**
     * Lone surrogates among the hostile strings make protobuf warn, with a stack trace, each time it
     * encodes one ("Converting ill-formed UTF-16"): expected here, so kept out of the run's output.
     */
    @BeforeEach
    void expectProtobufsWarnings() {
        protobuf = JulCapture.of("com.google.protobuf.CodedOutputStream");
    }

    @AfterEach
    void onlyProtobufsIllFormedUtf16Warnings() {
        protobuf.close();
        assertThat(protobuf.records()).extracting(LogRecord::getMessage)
                .allSatisfy(m -> assertThat(m).contains("ill-formed UTF-16"));
    }

    @Test
    void hostileSubmissionsAreAnsweredOrRefusedByTheContractNamingTheFieldAndStoringNothing() {
        for (int i = 0; i < CALLS; i++) {
            SubmitApplicationRequest request = hostileSubmission(i);
            List<ApplicationState> before = core.applications.all();
            try {
                provider().submitApplication(request);
            } catch (StatusRuntimeException e) {
                String what = "call " + i + ": " + e.getStatus();
                assertThat(e.getStatus().getCode()).as(what).isIn(CONTRACT);
                if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                    assertThat(errorInfo(e).orElseThrow().getMetadataMap()).as(what).containsKey("field");
                }
                assertThat(core.applications.all()).as("what refusal %d left stored", i).isEqualTo(before);
            }
        }
        assertThat(protobuf.records()).as("lone surrogates were sent and protobuf said so").isNotEmpty();
    }

    @Test
    void hostileFiledRecordsAreImportedOrRefusedOneByOneNamingTheField() {
        for (int i = 0; i < CALLS / 5; i++) {
            ImportFiledRecordsRequest.Builder request = ImportFiledRecordsRequest.newBuilder();
            for (int r = 0; r < 1 + random.nextInt(5); r++) {
                request.addRecords(FiledRecord.newBuilder().setDomain(maybe("import" + i + "-" + r + ".cn"))
                        .setFilingNumber(maybe("津ICP备" + i + "号")).setProvince(maybe("TJ")).setProviderId(maybe("p1"))
                        .setSubjectPrincipalPhone(maybe("")).setWebsitePrincipalPhone(maybe("13900000002")));
            }
            try {
                var response = reviewer().importFiledRecords(request.build());
                assertThat(response.getFailuresList()).allSatisfy(f -> {
                    assertThat(f.getCode()).isEqualTo("INVALID_ARGUMENT");
                    assertThat(f.getField()).startsWith("records[");
                });
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).as("import " + i + ": " + e.getStatus()).isIn(CONTRACT);
            }
        }
    }

    private String maybe(String valid) {
        return random.nextInt(3) == 0 ? HostileValues.one(random) : valid;
    }

    private SubmitApplicationRequest hostileSubmission(int i) {
        SubmitApplicationRequest.Builder b = SubmitApplicationRequest.newBuilder()
                .setRequestId(maybe("hostile-" + i)).setProvince(maybe("TJ")).setSubjectName(maybe("示例"))
                .setSubjectChanged(random.nextInt(6) == 0);
        int type = random.nextInt(10);
        b.setTypeValue(type < 8 ? type : 99 + random.nextInt(1000));
        if (random.nextInt(5) != 0) {
            b.setSubjectPrincipal(person(i));
        }
        int websites = random.nextInt(10) == 0 ? 101 + random.nextInt(20) : random.nextInt(4);
        for (int w = 0; w < websites; w++) {
            Website.Builder website = Website.newBuilder().setDomain(maybe("site" + i + "-" + w + ".cn"));
            if (random.nextInt(10) != 0) {
                website.setPrincipal(person(w));
            }
            b.addWebsites(website);
        }
        return b.build();
    }

    private Person person(int n) {
        Person.Builder p = Person.newBuilder().setName(maybe("张三")).setPhone(maybe(phone(n % 50)))
                .setIdNumber(maybe(beian.verify.core.testing.People.residentId(n % 50 + 1)));
        int type = random.nextInt(8);
        if (type < IdType.values().length - 1) {
            p.setIdTypeValue(type);
        } else {
            p.setIdTypeValue(50 + type);
        }
        return p.build();
    }
}
