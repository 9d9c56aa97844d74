package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.xml.XStreamSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Tester;
import vn.evn.cashless.application.infrastructure.BatchEventStore;
import vn.evn.cashless.application.infrastructure.ClaimedTokens;
import vn.evn.cashless.application.infrastructure.OwnClaimsTokenStore;
import vn.evn.cashless.application.infrastructure.SnapshotFreeEventStorageEngine;
import vn.evn.cashless.application.messaging.CachedCommandTargetResolver;

/** The wiring the design rests on: a pitfall here fails silently, so it is asserted. */
class InfrastructureTest extends EndToEndTest {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private TransactionManager axonTransactionManager;
    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void axonUsesSpringsTransactionManager() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void eventsAreStoredByTheJdbcEngine() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
    }

    @Test
    void aBatchOfCommandsFindsItsStagedEventsThroughTheLedgersEventStore() {
        assertThat(context.getBeansOfType(EventStore.class).values()).singleElement()
                .isInstanceOf(BatchEventStore.class);
        assertThat(context.getBeansOfType(EventBus.class).values()).singleElement()
                .isInstanceOf(BatchEventStore.class);
    }

    @Test
    void everySerializerIsJacksonAndXStreamIsNeverUsed() {
        Map<String, Serializer> serializers = context.getBeansOfType(Serializer.class);
        assertThat(serializers).isNotEmpty();
        assertThat(serializers.values()).allSatisfy(serializer -> {
            assertThat(serializer).isInstanceOf(Jackson3Serializer.class);
            assertThat(serializer).isNotInstanceOf(XStreamSerializer.class);
        });
        branchWith(uniqueCommuneCode());
        awaitReadModels();
        List<byte[]> stored = jdbc.queryForList("SELECT payload FROM domainevententry UNION ALL "
                + "SELECT metadata FROM domainevententry UNION ALL SELECT token FROM tokenentry "
                + "WHERE token IS NOT NULL", byte[].class);
        assertThat(stored).isNotEmpty().allSatisfy(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{").doesNotContain("<"));
    }

    /** Every read model stores its tokens through ClaimedTokens over OwnClaimsTokenStore (each has its own tests). */
    @Test
    void everyReadModelsTokensAreStoredUnderTheNodesOwnClaimAndNeverMoveBack() {
        org.axonframework.config.Configuration axon = context.getBean(org.axonframework.config.Configuration.class);
        for (String processor : List.of("payments", "figures", "customers", "organisation", "notices", "notice-outbox",
                "audit-chain")) {
            TokenStore tokens = axon.eventProcessingConfiguration().tokenStore(processor);
            assertThat(tokens).as(processor).isInstanceOf(ClaimedTokens.class);
            assertThat(((ClaimedTokens) tokens).delegate()).as(processor).isInstanceOf(OwnClaimsTokenStore.class);
        }
    }

    /**
     * Axon's timeouts put every handler call and unit of work on one shared scheduler (docs/performance.md, "Axon's
     * timeouts"): neither the handlers' wrapper nor the units of work's interceptors are configured.
     */
    @Test
    void axonsTimeoutsAreOff() {
        assertThat(context.getBeanNamesForType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        assertThat(context.containsBean("axonTimeoutConfigurerModule")).isFalse();
    }

    /** Every aggregate finds a command's target with the resolver that looks once per command class. */
    @Test
    void commandTargetsAreFoundOncePerCommandClass() {
        assertThat(context.getBean(org.axonframework.config.Configuration.class)
                .getComponent(CommandTargetResolver.class)).isInstanceOf(CachedCommandTargetResolver.class);
    }

    @Test
    void theDatabaseAcknowledgesOnlyDurableCommits() {
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
    }

    @Test
    void theGlobalIndexHasASequenceOfItsOwn() {
        String sequence = jdbc.queryForObject("SELECT pg_get_serial_sequence('domainevententry', 'globalindex')",
                String.class);
        assertThat(sequence).isNotNull();
        String name = sequence.substring(sequence.indexOf('.') + 1);
        Integer defaults = jdbc.queryForObject("""
                SELECT COUNT(*) FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid
                WHERE pg_get_expr(d.adbin, d.adrelid) LIKE '%' || ? || '%'""", Integer.class, name);
        List<String> drawing = jdbc.queryForList(
                "SELECT proname FROM pg_proc WHERE prosrc LIKE '%nextval(%' || ? || '%'", String.class, name);
        assertThat(defaults).as("the insert trigger draws the number, no column default").isZero();
        assertThat(drawing).containsExactly("domainevententry_draw_global_index");
    }

    @Test
    void everyEventTakesExactlyOneNumber() {
        long before = eventCount();
        branchWith(uniqueCommuneCode(), uniqueCommuneCode());
        List<Long> positions = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE globalindex > ? "
                + "ORDER BY globalindex", Long.class, before);
        assertThat(positions).containsExactly(before + 1, before + 2, before + 3);
    }

    @Test
    void everyEventSaysWhoDidItWhyAndThroughWhichDoor() {
        String branch = uniqueBranchCode();
        Http.Response created = http().post("/api/branches",
                Map.of("code", branch, "name", "Điện lực " + branch, "company", "PC Hà Giang"),
                Map.of("X-Actor", "nguyen.van.a@pc-hagiang", "X-Correlation-Id", "ticket-4711"));
        Http.Response anonymous = http().as("operator", "operator").post("/api/branches/" + branch + "/communes",
                Map.of("code", uniqueCommuneCode(), "name", "Xã Minh Sơn", "kind", "COMMUNE"));

        assertThat(created.header("X-Correlation-Id")).isEqualTo("ticket-4711");
        assertThat(anonymous.header("X-Correlation-Id")).isNotBlank();
        List<String> metadata = jdbc.queryForList("SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? ORDER BY sequencenumber", String.class, branch);
        assertThat(metadata).hasSize(2);
        JsonNode first = Http.JSON.readTree(metadata.get(0));
        assertThat(first.get("actor").asString()).as("the signed-in user, not what X-Actor claims")
                .isEqualTo(Tester.NAME);
        assertThat(first.get("correlationId").asString()).isEqualTo("ticket-4711");
        assertThat(first.get("source").asString()).isEqualTo("api");
        JsonNode second = Http.JSON.readTree(metadata.get(1));
        assertThat(second.get("actor").asString()).isEqualTo("operator");
        assertThat(second.get("correlationId").asString()).isEqualTo(anonymous.header("X-Correlation-Id"));
    }

    @Test
    void eventsReadAheadForAUnitOfWorkAreWhatItsLoadsWouldHaveRead() {
        String branch = branchWith(uniqueCommuneCode(), uniqueCommuneCode());
        List<String> stored = events(branch);
        assertThat(stored).hasSizeGreaterThanOrEqualTo(3);

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("read ahead"));
        try {
            ((SnapshotFreeEventStorageEngine) storageEngine).readAhead(List.of(branch, "NO-SUCH-AGGREGATE"));
            assertThat(events(branch)).isEqualTo(stored);
            assertThat(events("NO-SUCH-AGGREGATE")).isEmpty();
            assertThat(events(branch)).as("read again, from the store").isEqualTo(stored);
        } finally {
            unitOfWork.rollback();
        }
    }

    private List<String> events(String aggregate) {
        return storageEngine.readEvents(aggregate).asStream()
                .map(event -> event.getSequenceNumber() + " " + event.getIdentifier() + " " + event.getPayloadType()
                        + " " + event.getPayload() + " " + event.getMetaData() + " " + event.getTimestamp())
                .toList();
    }
}
