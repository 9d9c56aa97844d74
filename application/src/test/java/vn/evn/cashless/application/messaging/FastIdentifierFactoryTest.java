package vn.evn.cashless.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class FastIdentifierFactoryTest {

    @Test
    void axonFindsItThroughTheServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(FastIdentifierFactory.class);
    }

    @Test
    void messageIdsAreVersion7UuidsOfTheIetfVariantInCanonicalFormCarryingTheirMillisecond() {
        IdentifierFactory factory = new FastIdentifierFactory();
        for (int i = 0; i < 10_000; i++) {
            long before = System.currentTimeMillis();
            String id = factory.generateIdentifier();
            long after = System.currentTimeMillis();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
        }
    }

    @Test
    void idsOfALaterMillisecondSortAfterThoseOfAnEarlierOneAsTextAndByTheirFirst64Bits() {
        long millis = 1_795_000_000_000L;
        for (int i = 0; i < 10_000; i++) {
            UUID earlier = FastIdentifierFactory.timeOrderedUuid(millis + i);
            UUID later = FastIdentifierFactory.timeOrderedUuid(millis + i + 1);
            assertThat(later.toString()).isGreaterThan(earlier.toString());
            assertThat(Long.compareUnsigned(later.getMostSignificantBits(), earlier.getMostSignificantBits()))
                    .isPositive();
        }
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(FastIdentifierFactory.timeOrderedUuid(1_795_000_000_000L));
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void requestIdsAreRandomVersion4UuidsOfTheIetfVariant() {
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = FastIdentifierFactory.randomUuid();
            assertThat(uuid.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }

    @Test
    void eightThreadsDrawingAtOnceNeverGetTheSameIdTwice() throws Exception {
        IdentifierFactory factory = new FastIdentifierFactory();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(threads.submit(() -> {
                int fresh = 0;
                for (int i = 0; i < 50_000; i++) {
                    fresh += seen.add(factory.generateIdentifier()) ? 1 : 0;
                }
                return fresh;
            }));
        }
        threads.shutdown();
        int fresh = 0;
        for (Future<Integer> one : work) {
            fresh += one.get();
        }
        assertThat(fresh).isEqualTo(400_000);
        assertThat(seen).hasSize(400_000);
    }
}
