package vn.evn.cashless.api.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Clients of the benchmarks: so many threads sharing numbered tasks, each taking the next one left. */
final class Clients {

    interface Task {
        void run(int n) throws Exception;
    }

    private Clients() {
    }

    /** Runs tasks {@code 0 … count - 1} on {@code threads} threads, rethrowing the first failure; tasks per second. */
    static double run(int threads, int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        task.run(n);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return count / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
