package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.FiledRecord;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsRequest;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.service.SubmitApplicationService;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TRANSFER_IN as a phone oracle, over the real server: past the provider's mismatches of the hour
 * its TRANSFER_IN submissions answer RESOURCE_EXHAUSTED (TOO_MANY_ATTEMPTS), whatever the phone,
 * with the wait until the clock hour ends as a {@code google.rpc.RetryInfo}; each mismatch is audited. A context of its own: the fixture's clock does not move here.
 */
@MicronautTest
class TransferMismatchGrpcTest extends GrpcTestSupport {

    @Test
    void pastTheMismatchesOfTheHourTransferInIsResourceExhaustedAndEachMismatchIsAudited() {
        int n = serial();
        String domain = "oracle" + n + ".cn";
        String filedPhone = phone(700_000 + n);
        reviewer().importFiledRecords(ImportFiledRecordsRequest.newBuilder().addRecords(FiledRecord.newBuilder()
                .setDomain(domain).setFilingNumber("津ICP备" + (20000000 + n) + "号-1").setProvince("TJ")
                .setProviderId("old-provider").setWebsitePrincipalPhone(filedPhone)).build());
        int limit = SubmitApplicationService.TRANSFER_MISMATCHES_PER_HOUR;
        for (int i = 0; i < limit; i++) {
            int tried = 600_000 + i;
            StatusRuntimeException mismatch = failure(() -> provider().submitApplication(ApplicationServiceGrpcTest
                    .transferIn("TJ", domain, person("王五", phone(tried), n))), Status.Code.FAILED_PRECONDITION,
                    "TRANSFER_PHONE_MISMATCH");
            assertThat(detail(mismatch, RetryInfo.class)).as("no wait: it is no limit").isEmpty();
        }

        StatusRuntimeException oneMore = failure(() -> provider().submitApplication(ApplicationServiceGrpcTest
                .transferIn("TJ", domain, person("王五", phone(650_000), n))), Status.Code.RESOURCE_EXHAUSTED,
                "TOO_MANY_ATTEMPTS");
        StatusRuntimeException rightPhone = failure(() -> provider().submitApplication(ApplicationServiceGrpcTest
                .transferIn("TJ", domain, person("王五", filedPhone, n))), Status.Code.RESOURCE_EXHAUSTED,
                "TOO_MANY_ATTEMPTS");

        // the fixture's clock stands at 10:00:00 Shanghai: refused until the clock hour ends, an hour on
        for (StatusRuntimeException e : List.of(oneMore, rightPhone)) {
            assertThat(detail(e, RetryInfo.class)).as("RetryInfo beside the ErrorInfo").hasValueSatisfying(retry ->
                    assertThat(retry.getRetryDelay()).isEqualTo(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(3600).build()));
            assertThat(errorInfo(e)).isPresent();
        }

        assertThat(core.audit.entries()).filteredOn(e -> e.action() == AuditAction.TRANSFER_IN).hasSize(limit)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("TRANSFER_PHONE_MISMATCH"));
    }
}
