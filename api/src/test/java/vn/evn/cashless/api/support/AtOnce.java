package vn.evn.cashless.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Many clients sending at the same instant: every one waits at a start gate that opens for all together, so their
 * requests reach the server as close together as the machine allows, which is what makes races likely.
 */
public final class AtOnce {

    private AtOnce() {
    }

    /** Runs {@code request} once per client, client numbers 0 to {@code clients - 1}; answers in client order. */
    public static <T> List<T> run(int clients, IntFunction<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int number = client;
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return request.apply(number);
                }));
            }
            ready.await();
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
