package vn.evn.cashless.api.benchmark;

import java.util.ArrayList;
import java.util.Collections;
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

    /** A task run with what its thread holds (a connection of its own, say). */
    interface TaskWith<T> {
        void run(T held, int n) throws Exception;
    }

    private Clients() {
    }

    /** Runs tasks {@code 0 … count - 1} on {@code threads} threads, rethrowing the first failure; tasks per second. */
    static double run(int threads, int count, Task task) throws Exception {
        return run(Collections.nCopies(threads, null), count, (nothing, n) -> task.run(n));
    }

    /** As {@link #run(int, int, Task)}, one thread for each of {@code held}, each running its tasks with its own. */
    static <T> double run(List<T> held, int count, TaskWith<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(held.size());
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            long started = System.nanoTime();
            for (T mine : held) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        task.run(mine, n);
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
