package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.EventType;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.domain.FilingType;
import beian.verify.core.testing.CoreFixture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Events": every change in the provider's ordered stream, readable from any position, phones masked. */
class EventRulesTest {
    static final String ALICE_ID = residentId(1);
    static final String BOB_ID = residentId(2);
    static final PersonInput ALICE = person("张三", "13800000001", ALICE_ID);
    static final PersonInput BOB = person("李四", "13900000002", BOB_ID);

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    @Test
    void everyChangeOfAnApplicationOrTargetIsAnEventInItsProvidersOrderedStream() {
        ApplicationView a = world.submitNewFiling("r1", ALICE, BOB);
        world.verify("13800000001", tail(ALICE_ID), world.carrier.lastCodeTo("13800000001"));
        world.verify("13900000002", tail(BOB_ID), world.carrier.lastCodeTo("13900000002"));
        world.approve(new Caller.Reviewer(Set.of(new ProvinceCode("TJ"))), a.applicationId(), "津ICP备1号");

        List<RecordedEvent> stream = world.eventsOf(CoreFixture.PROVIDER);
        assertThat(stream).extracting(e -> e.event().type()).containsExactly(
                EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT, EventType.SMS_SENT, EventType.TARGET_VERIFIED,
                EventType.TARGET_VERIFIED, EventType.READY_FOR_REVIEW, EventType.APPROVED);
        assertThat(stream).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(stream.get(1).event().trigger()).isEqualTo(SmsTrigger.INITIAL);
        assertThat(stream).allSatisfy(e -> assertThat(e.event().applicationId().value()).isEqualTo(a.applicationId()));
    }

    @Test
    void aProviderReadsItsStreamFromAnyPositionItHasSeen() {
        world.submitNewFiling("r1", ALICE, BOB);

        assertThat(world.events(CoreFixture.PROVIDER, 1, 100)).extracting(RecordedEvent::sequence)
                .containsExactly(2L, 3L);
        assertThat(world.events(CoreFixture.PROVIDER, 3, 100)).isEmpty();
    }

    @Test
    void aProviderSeesNoOtherProvidersEvents() {
        world.submitNewFiling("r1", ALICE, BOB);
        world.submitOk(new SubmitApplicationCommand(CoreFixture.OTHER_PROVIDER, "x", FilingType.NEW_WEBSITE, "TJ", null,
                null, List.of(new WebsiteInput("other.cn", BOB)), false));

        assertThat(world.events(CoreFixture.PROVIDER, 0, 100)).hasSize(3);
        assertThat(world.events(CoreFixture.OTHER_PROVIDER, 0, 100))
                .allSatisfy(e -> assertThat(e.event().provider()).isEqualTo(CoreFixture.OTHER_PROVIDER))
                .extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void phonesAppearMaskedInEvents() {
        world.submitNewFiling("r1", ALICE, BOB);

        assertThat(world.eventsOf(CoreFixture.PROVIDER)).filteredOn(e -> e.event().maskedPhone() != null)
                .extracting(e -> e.event().maskedPhone()).containsExactly("138****0001", "139****0002");
        assertThat(world.eventsOf(CoreFixture.PROVIDER).toString()).doesNotContain("13800000001");
    }

    @Test
    void aReturnCarriesItsReason() {
        ApplicationView a = world.submitNewFiling("r1", ALICE, BOB);
        world.withdraw(CoreFixture.PROVIDER, a.applicationId());

        RecordedEvent last = world.eventsOf(CoreFixture.PROVIDER).get(3);
        assertThat(last.event().type()).isEqualTo(EventType.RETURNED);
        assertThat(last.event().reason()).isEqualTo("WITHDRAWN");
    }
}
