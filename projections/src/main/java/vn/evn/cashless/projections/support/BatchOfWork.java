package vn.evn.cashless.projections.support;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a read model gathers over one processor batch and writes once, at the end of the batch, in the transaction
 * that also moves the processor's token: one instance per batch, made on the batch's first event.
 */
public final class BatchOfWork {

    private BatchOfWork() {
    }

    /** The current batch's instance under {@code key}; {@code write} runs when the batch commits. */
    public static <B> B current(String key, Supplier<B> newBatch, Consumer<B> write) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(key, k -> {
            B batch = newBatch.get();
            root.onPrepareCommit(unitOfWork -> write.accept(batch));
            return batch;
        });
    }
}
