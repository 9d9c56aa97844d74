package vn.evn.cashless.application.messaging;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Random (version 4) UUIDs for every message, event and request, drawn from the calling thread's own generator.
 * Axon's default takes them from {@link UUID#randomUUID()}, whose one shared {@code SecureRandom} every request
 * thread queues for (several ids per command). These ids name messages; they are no secret and guard nothing. Each
 * thread's generator is seeded once from {@code SecureRandom}, so threads and nodes draw from unrelated sequences,
 * and one generator gives 2^64 values before it repeats; an event id that ever came twice would be refused by the
 * event table's unique key, not stored. Axon finds this class through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public class FastIdentifierFactory extends IdentifierFactory {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    /** A random version 4, IETF variant UUID. */
    public static UUID randomUuid() {
        SplittableRandom random = RANDOM.get();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }

    @Override
    public String generateIdentifier() {
        return randomUuid().toString();
    }
}
