package vn.evn.cashless.application.infrastructure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The token store as the read models' processors use it: a segment's stored position never moves back while this
 * node holds it, and what the segment has applied is known to {@link AppliedOnce}.
 * <p>
 * A segment's token says which events its read model has applied: every index up to the token's, but its gaps. When
 * a node claims a segment, Axon's pooled processor reads the stream again from the lowest token of the segments it
 * claims and of the stream's position, and each segment it already holds, or further on, is handed the events its
 * last token does not cover. Axon decides that by comparing the event's token with the segment's, gaps included: an
 * event read after a gap of the segment's token has filled (an append that was still running when the token was
 * read) counts as not covered, though its own index is, and from it on Axon's work package takes the stream's lower
 * tokens as its own. Stored as they are, such a token would forget what the segment had applied, and whoever claims
 * the segment next would apply it again.
 * <p>
 * So for each segment it holds, this node keeps the upper bound of the token it claimed and the tokens of every
 * event handed to the read model since ({@link #handOver}, moved on by {@link AppliedOnce}): the events either
 * covers. A token stored is the upper bound of that and the one Axon gives. Tokens of other kinds (a replay's) are
 * stored as given. What a batch moved on is taken back if the batch rolls back; what this node holds is forgotten
 * when it gives the claim back, and read again from the database at the next claim.
 */
public final class ClaimedTokens implements TokenStore {

    private final TokenStore delegate;
    private final Map<Held, Claim> held = new ConcurrentHashMap<>();

    public ClaimedTokens(TokenStore delegate) {
        this.delegate = delegate;
    }

    /** The token store this one stores through. */
    public TokenStore delegate() {
        return delegate;
    }

    /** The token of a segment this node holds, as claimed or last stored and committed; empty if it holds none. */
    public Optional<TrackingToken> held(String processorName, int segment) {
        Claim claim = held.get(new Held(processorName, segment));
        return claim == null ? Optional.empty() : Optional.ofNullable(claim.committed);
    }

    /**
     * An event with this token is handed to the read model of a segment this node holds (or skipped as applied
     * before). Returns what the segment had applied until then: the upper bound of its token as held and of the
     * tokens of the events handed over since, in a batch not yet committed too; null if this node holds none, or
     * holds it from the beginning with nothing handed over yet.
     */
    TrackingToken handOver(String processorName, int segment, GapAwareTrackingToken event) {
        Claim claim = held.get(new Held(processorName, segment));
        if (claim == null) {
            return null;
        }
        TrackingToken before = claim.handled;
        claim.handled = upperBound(before, event);
        return before;
    }

    /** The batch rolled back: what it handed over is not applied. */
    void rolledBack(String processorName, int segment) {
        Claim claim = held.get(new Held(processorName, segment));
        if (claim != null) {
            claim.handled = claim.committed;
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return remember(processorName, segment, delegate.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment)
            throws UnableToClaimTokenException {
        return remember(processorName, segment.getSegmentId(), delegate.fetchToken(processorName, segment));
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        Claim claim = held.get(new Held(processorName, segment));
        TrackingToken stored = claim == null ? token : upperBound(claim.handled, token);
        delegate.storeToken(stored, processorName, segment);
        if (claim == null) {
            return;
        }
        claim.handled = stored;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    claim.committed = stored;
                }
            });
        } else {
            claim.committed = stored;
        }
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        held.remove(new Held(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount)
            throws UnableToClaimTokenException {
        forget(processorName);
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount,
                                        TrackingToken initialToken) throws UnableToClaimTokenException {
        forget(processorName);
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment)
            throws UnableToInitializeTokenException {
        held.remove(new Held(processorName, segment));
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        held.remove(new Held(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }

    private TrackingToken remember(String processorName, int segment, TrackingToken token) {
        held.put(new Held(processorName, segment), new Claim(token));
        return token;
    }

    /**
     * The events either token covers, for two tokens of the ledger's event store; otherwise the given one. Without
     * building a token when the given one covers every index the other does (an event further on, the usual case).
     */
    static TrackingToken upperBound(TrackingToken before, TrackingToken given) {
        if (!(before instanceof GapAwareTrackingToken known) || !(given instanceof GapAwareTrackingToken next)) {
            return given;
        }
        if (next.getIndex() >= known.getIndex()
                && known.getGaps().containsAll(next.getGaps().headSet(known.getIndex() + 1))) {
            return next;
        }
        return known.upperBound(next);
    }

    private void forget(String processorName) {
        held.keySet().removeIf(key -> key.processor().equals(processorName));
    }

    private record Held(String processor, int segment) {
    }

    /**
     * A segment this node holds: its token as claimed or last stored and committed, and what it has handled since
     * (none for a segment that starts at the beginning). Moved on by the segment's worker, one batch at a time.
     */
    private static final class Claim {
        volatile TrackingToken committed;
        volatile TrackingToken handled;

        Claim(TrackingToken token) {
            this.committed = token;
            this.handled = token;
        }
    }
}
