package vn.evn.cashless.application.messaging;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * The ids of every message, event and request, drawn from the calling thread's own generator. Axon's default takes
 * them from {@link UUID#randomUUID()}, whose one shared {@code SecureRandom} every request thread queues for (several
 * ids per command). These ids name messages; they are no secret and guard nothing. Each thread's generator is seeded
 * once from {@code SecureRandom}, so threads and nodes draw from unrelated sequences; an event id that ever came twice
 * would be refused by the event table's unique key, not stored. Axon finds this class through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 *
 * <p>Message ids are time-ordered (version 7: the millisecond first, then 74 random bits), so new events' ids go to
 * one place in the event table's unique index on them, where its pages stay in PostgreSQL's buffers. With random ids
 * every stored event wrote into a random page of that index, which at millions of events no longer fits in the
 * buffers: each append read a page of it into them and dirtied it, and after a checkpoint wrote it whole into the
 * WAL. See docs/performance.md, "Where PostgreSQL's time goes at ten million events".
 */
public class FastIdentifierFactory extends IdentifierFactory {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    /** A random version 4, IETF variant UUID. */
    public static UUID randomUuid() {
        SplittableRandom random = RANDOM.get();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        return new UUID(most, randomVariantBits(random));
    }

    /**
     * A version 7, IETF variant UUID (RFC 9562): the Unix time in milliseconds in the first 48 bits, then random
     * bits. Ids of one millisecond are in no particular order among themselves; ids of later milliseconds sort after
     * them, as text too.
     */
    public static UUID timeOrderedUuid(long epochMillis) {
        SplittableRandom random = RANDOM.get();
        long most = ((epochMillis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        return new UUID(most, randomVariantBits(random));
    }

    private static long randomVariantBits(SplittableRandom random) {
        return (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    }

    @Override
    public String generateIdentifier() {
        return timeOrderedUuid(System.currentTimeMillis()).toString();
    }
}
