package vn.evn.cashless.application.infrastructure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

/**
 * Axon's JDBC token store, except that storing a token never takes a segment over: a token is stored only under a
 * claim this node holds. Claims are taken by fetching a token, as before.
 * <p>
 * Axon's store first updates the row this node owns; finding none, it loads the row and claims it if nobody owns it
 * (or the owner's claim has timed out), then stores. Every caller in the ledger stores under a claim it fetched (a
 * processor's work package at the end of each batch, a reset), so it never needs that second way, and only a node
 * whose claim is gone reaches it: a node counted dead, because it stalled for longer than {@link
 * vn.evn.cashless.application.nodes.Nodes#DEAD_AFTER}, after a rebuild's switch-over cleared the owners and moved the
 * tokens, or after another node claimed its segments. Taking the segment back there would put its old token over
 * the moved one, and its batch (events the rebuilt rows already hold) would be applied a second time. Refused, the
 * batch rolls back and the processor gives the segment up; whoever claims it next starts from the stored token.
 */
public class OwnClaimsTokenStore extends JdbcTokenStore {

    public OwnClaimsTokenStore(JdbcTokenStore.Builder builder) {
        super(builder);
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
}
