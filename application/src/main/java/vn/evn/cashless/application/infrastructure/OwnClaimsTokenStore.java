package vn.evn.cashless.application.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;

/**
 * Axon's JDBC token store, except that neither storing a token nor extending a claim takes a segment over: both
 * succeed only under a claim this node holds. A claim is taken by fetching a token, as before.
 * <p>
 * Axon's store, storing a token, first updates the row this node owns; finding none, it loads the row and claims it
 * if nobody owns it, then stores. Extending a claim is a fetch of the token, which claims a row nobody owns or whose
 * owner's claim has timed out. Every caller in the ledger stores and extends under a claim it fetched (a
 * processor's work package, during and between its batches; a reset), so only a node whose claim is gone would take
 * that second way: a node counted dead, because it stalled for longer than {@link
 * vn.evn.cashless.application.nodes.Nodes#DEAD_AFTER}, after a rebuild's switch-over cleared the owners and moved the
 * tokens, or after another node claimed its segment and then let that claim time out. Taking the segment back there
 * would put its old token over the moved one, and the batch it had in hand (events the rebuilt rows already hold)
 * would be applied a second time. Refused, the batch rolls back and the processor gives the segment up; whoever
 * claims it next starts from the stored token.
 */
public class OwnClaimsTokenStore extends JdbcTokenStore {

    private static final TokenSchema SCHEMA = TokenSchema.builder().build();

    private final String nodeId;

    /** Axon's store as {@code builder} makes it, for node {@code nodeId}, on Axon's token table. */
    public OwnClaimsTokenStore(JdbcTokenStore.Builder builder, String nodeId) {
        super(builder.schema(SCHEMA).nodeId(nodeId));
        this.nodeId = nodeId;
    }

    /** Reached only when this node owns no row for the segment: refuses, whoever owns it. */
    @Override
    protected void updateToken(Connection connection, ResultSet resultSet, TrackingToken token, String processorName,
                               int segment) throws SQLException {
        if (!resultSet.next()) {
            throw new UnableToClaimTokenException(String.format(
                    "Unable to store the token of '%s[%d]': it has not been initialized", processorName, segment));
        }
        String owner = readTokenEntry(resultSet).getOwner();
        throw new UnableToClaimTokenException(String.format(
                "Unable to store the token of '%s[%d]': this node no longer holds its claim (owner now: %s)",
                processorName, segment, owner == null ? "nobody" : owner));
    }

    /** Renews the claim's time if this node still owns the segment; refuses otherwise. */
    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Connection connection = getConnection();
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + SCHEMA.tokenTable() + " SET "
                + SCHEMA.timestampColumn() + " = ? WHERE " + SCHEMA.processorNameColumn() + " = ? AND "
                + SCHEMA.segmentColumn() + " = ? AND " + SCHEMA.ownerColumn() + " = ?")) {
            update.setString(1, DateTimeUtils.formatInstant(AbstractTokenEntry.clock.instant()));
            update.setString(2, processorName);
            update.setInt(3, segment);
            update.setString(4, nodeId);
            if (update.executeUpdate() == 0) {
                throw new UnableToClaimTokenException(String.format(
                        "Unable to extend the claim on '%s[%d]': this node no longer holds it", processorName,
                        segment));
            }
        } catch (SQLException e) {
            throw new JdbcException(String.format("Could not extend the claim on '%s[%d]'", processorName, segment),
                    e);
        } finally {
            JdbcUtils.closeQuietly(connection);
        }
    }
}
