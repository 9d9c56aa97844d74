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
 * node holds it, and the position it held is known to {@link AppliedOnce}.
 * <p>
 * A segment's token says which events its read model has applied: every index up to the token's, but its gaps. When
 * a node claims a segment, Axon's pooled processor reads the stream again from the lowest token of that node's
 * segments, and a segment further on is handed the events its token does not cover. Axon decides that by comparing
 * the event's token with the segment's, gaps included: an event read after a gap of the segment's token has filled
 * (an append that was still running when the token was stored) counts as not covered, though its own index is, and
 * from it on Axon's work package takes the stream's lower tokens as its own. Stored as they are, such a token would
 * forget what the segment had applied, and whoever claims the segment next would apply it again. So each token
 * stored here is the upper bound of the one this node claimed (or last stored) and the one given: the events either
 * covers. Tokens of other kinds (a replay's) are stored as given.
 * <p>
 * What this node holds is forgotten when it gives the claim back, and read again from the database at the next
 * claim; a position is taken as held only once its transaction commits.
 */
public final class ClaimedTokens implements TokenStore {

    private final TokenStore delegate;
    private final Map<Held, Claim> held = new ConcurrentHashMap<>();

    public ClaimedTokens(TokenStore delegate) {
        this.delegate = delegate;
    }

    /** The token of a segment this node holds, as claimed or last stored and committed; empty if it holds none. */
    public Optional<TrackingToken> held(String processorName, int segment) {
        Claim claim = held.get(new Held(processorName, segment));
        return claim == null ? Optional.empty() : Optional.ofNullable(claim.token());
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
        Held key = new Held(processorName, segment);
        TrackingToken stored = token;
        Claim claim = held.get(key);
        if (claim != null && claim.token() instanceof GapAwareTrackingToken before
                && token instanceof GapAwareTrackingToken given) {
            stored = before.upperBound(given);
        }
        delegate.storeToken(stored, processorName, segment);
        TrackingToken committed = stored;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    rememberStored(key, committed);
                }
            });
        } else {
            rememberStored(key, committed);
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

    /** Only while the claim is still this node's: a release between the store and its commit wins. */
    private void rememberStored(Held key, TrackingToken token) {
        held.computeIfPresent(key, (k, before) -> new Claim(token));
    }

    private void forget(String processorName) {
        held.keySet().removeIf(key -> key.processor().equals(processorName));
    }

    private record Held(String processor, int segment) {
    }

    /** A segment this node holds, and its token (none for a segment that starts at the beginning). */
    private record Claim(TrackingToken token) {
    }
}
