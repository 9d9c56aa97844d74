package vn.evn.cashless.application.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.application.support.MigratedPostgres;

/**
 * The read models' token store on a real PostgreSQL, with two nodes' stores side by side: a token is stored, and a
 * claim extended, only under the node's own claim. The situations are those of a node that stalled past its claim: a
 * rebuild's switch-over took the owners off and moved the tokens (as {@code Rebuilds} does, by SQL), or another node
 * claimed the segment once the claim timed out. Beside them, what Axon's own store does in the same place.
 */
class OwnClaimsTokenStoreTest {

    private static final Serializer SERIALIZER = Jackson3Serializer.builder().build();

    private static EmbeddedPostgres postgres;
    private static DataSource application;
    private static JdbcTemplate jdbc;

    private final String processor = "own-claims-" + UUID.randomUUID();

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = MigratedPostgres.start();
        application = postgres.getDatabase("ledger_app", "postgres");
        jdbc = new JdbcTemplate(application);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void aNodeWhoseClaimASwitchOverTookOffCannotStoreItsToken() {
        TokenStore stalled = holding("stalled@node-1", 0);
        switchOver(token(5_000));

        assertThatThrownBy(() -> stalled.storeToken(token(120), processor, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("no longer holds its claim").hasMessageContaining("owner now: nobody");
        assertThat(row()).as("the moved token, claimed by nobody").isEqualTo(new Row(token(5_000), null));

        TokenStore next = store("next@node-2");
        assertThat(next.fetchToken(processor, 0)).as("whoever claims next goes on from the moved token")
                .isEqualTo(token(5_000));
        next.storeToken(token(5_010), processor, 0);
        assertThat(row()).isEqualTo(new Row(token(5_010), "next@node-2"));
    }

    /**
     * A node that stalled between two batches goes on by extending its claim (Axon's work package does so when its
     * queue is empty): that is refused too, and the segment stays nobody's, with the moved token.
     */
    @Test
    void aNodeWhoseClaimASwitchOverTookOffCannotExtendIt() {
        TokenStore stalled = holding("stalled@node-1", 0);
        switchOver(token(5_000));

        assertThatThrownBy(() -> stalled.extendClaim(processor, 0))
                .isInstanceOf(UnableToClaimTokenException.class).hasMessageContaining("no longer holds it");
        assertThat(row()).isEqualTo(new Row(token(5_000), null));
    }

    /** What the tests above guard against: Axon's own store, in the same place, takes the segment back. */
    @Test
    void axonsOwnStoreWouldTakeTheSegmentBackByStoringOrExtending() {
        TokenStore axons = axons("stalled@node-1");
        axons.initializeTokenSegments(processor, 1);
        axons.fetchToken(processor, 0);
        switchOver(token(5_000));
        axons.storeToken(token(120), processor, 0);
        assertThat(row()).as("stored over the moved token").isEqualTo(new Row(token(120), "stalled@node-1"));

        switchOver(token(5_000));
        axons.extendClaim(processor, 0);
        assertThat(row()).as("claimed back by extending").isEqualTo(new Row(token(5_000), "stalled@node-1"));
    }

    /**
     * A node's timed-out claim was taken by another node, which then stalled too: Axon's own store lets the first
     * take the segment back by extending its claim once the second's has timed out; this one does not.
     */
    @Test
    void aNodeWhoseTimedOutClaimAnotherNodeTookNeverTakesItBack() {
        TokenStore stalled = holding("stalled@node-1", 0);
        timeOutClaim();
        TokenStore other = store("other@node-2");
        assertThat(other.fetchToken(processor, 0)).isEqualTo(token(100));
        other.storeToken(token(300), processor, 0);
        timeOutClaim();

        assertThatThrownBy(() -> stalled.storeToken(token(120), processor, 0))
                .isInstanceOf(UnableToClaimTokenException.class).hasMessageContaining("owner now: other@node-2");
        assertThatThrownBy(() -> stalled.extendClaim(processor, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(row()).isEqualTo(new Row(token(300), "other@node-2"));

        axons("stalled@node-1").extendClaim(processor, 0);
        assertThat(row()).as("Axon's own store").isEqualTo(new Row(token(300), "stalled@node-1"));
    }

    /** A node that was slow, but whose segment nobody took meanwhile, stores as before, timed-out claim or not. */
    @Test
    void aTokenStoredUnderTheNodesOwnClaimIsStoredEvenAfterTheClaimTimedOut() {
        TokenStore slow = holding("slow@node-1", 1);
        timeOutClaim();

        slow.storeToken(token(120), processor, 1);
        slow.extendClaim(processor, 1);

        assertThat(jdbc.queryForObject("SELECT owner FROM tokenentry WHERE processorname = ? AND segment = 1",
                String.class, processor)).isEqualTo("slow@node-1");
        assertThat(slow.fetchToken(processor, 1)).isEqualTo(token(120));
        assertThatThrownBy(() -> slow.storeToken(token(1), "never-initialised-" + processor, 0))
                .isInstanceOf(UnableToClaimTokenException.class).hasMessageContaining("has not been initialized");
    }

    /** A node's store, which has claimed {@code segment} of the processor's two and stored token 100 there. */
    private TokenStore holding(String node, int segment) {
        TokenStore store = store(node);
        store.initializeTokenSegments(processor, 2);
        store.fetchToken(processor, segment);
        store.storeToken(token(100), processor, segment);
        return store;
    }

    private static TokenStore store(String node) {
        return new OwnClaimsTokenStore(JdbcTokenStore.builder()
                .connectionProvider(new DataSourceConnectionProvider(application))
                .serializer(SERIALIZER), node);
    }

    private static TokenStore axons(String node) {
        return JdbcTokenStore.builder().connectionProvider(new DataSourceConnectionProvider(application))
                .serializer(SERIALIZER).nodeId(node).build();
    }

    private static TrackingToken token(long index) {
        return GapAwareTrackingToken.newInstance(index, List.of());
    }

    /** What a rebuild's switch-over does to the processor's segments: every token moved, nobody's. */
    private void switchOver(TrackingToken moved) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(moved, byte[].class);
        jdbc.update("UPDATE tokenentry SET token = ?, tokentype = ?, owner = NULL WHERE processorname = ?",
                serialized.getData(), serialized.getType().getName(), processor);
    }

    /** The claims on the processor's segments were last extended long ago. */
    private void timeOutClaim() {
        jdbc.update("UPDATE tokenentry SET timestamp = '2000-01-01T00:00:00Z' WHERE processorname = ?", processor);
    }

    private Row row() {
        return jdbc.queryForObject("SELECT token, tokentype, owner FROM tokenentry WHERE processorname = ? "
                + "AND segment = 0", (rs, i) -> new Row(SERIALIZER.deserialize(
                new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)), rs.getString(3)),
                processor);
    }

    private record Row(TrackingToken token, String owner) {
    }
}
