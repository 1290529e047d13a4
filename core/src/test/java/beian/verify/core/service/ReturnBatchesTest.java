package beian.verify.core.service;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.EventType;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.testing.RefusingEventStore;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.CountingTransactions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Returns at the deadline take one transaction per batch (one commit, not one per application), and
 * one application that cannot be returned still leaves only itself due.
 */
class ReturnBatchesTest {
    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    final CountingTransactions transactions = new CountingTransactions(world.tx);

    @Test
    void aBatchOfDueApplicationsIsReturnedInOneTransaction() {
        List<ApplicationView> submitted = submit(5);
        world.clock.set(submitted.get(0).deadline().plusSeconds(1));
        ReturnExpiredApplicationsService returns = service(world.events);

        WorkReport report = returns.returnExpired(100);

        assertThat(report).isEqualTo(new WorkReport(5, 0, List.of()));
        assertThat(transactions.get()).as("the due query's and the batch's").isEqualTo(2);
        submitted.forEach(a -> assertThat(world.view(a.applicationId()).status()).isEqualTo(ApplicationStatus.RETURNED));
        assertThat(world.eventTypes()).filteredOn(t -> t == EventType.RETURNED).hasSize(5);
    }

    @Test
    void oneApplicationThatCannotBeReturnedStaysDueAndTheRestAreReturned() {
        List<ApplicationView> submitted = submit(4);
        world.clock.set(submitted.get(0).deadline().plusSeconds(1));
        String failing = submitted.get(2).applicationId();
        EventStore failingFor = new RefusingEventStore(world.events, failing);

        WorkReport report = service(failingFor).returnExpired(100);

        assertThat(report.done()).isEqualTo(3);
        assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.item()).isEqualTo(failing));
        for (ApplicationView a : submitted) {
            assertThat(world.view(a.applicationId()).status()).isEqualTo(a.applicationId().equals(failing)
                    ? ApplicationStatus.PENDING_VERIFICATION : ApplicationStatus.RETURNED);
        }
        assertThat(world.eventTypes()).filteredOn(t -> t == EventType.RETURNED).hasSize(3);
    }

    private ReturnExpiredApplicationsService service(EventStore events) {
        return new ReturnExpiredApplicationsService(transactions, world.clock, world.applications, world.applications, events);
    }

    private List<ApplicationView> submit(int count) {
        List<ApplicationView> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(world.submitNewWebsite("r" + i, "site" + i + ".cn",
                    person("李四", "1390000" + String.format("%04d", i), residentId(10 + i))));
        }
        return out;
    }
}
