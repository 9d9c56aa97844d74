package vn.evn.cashless.application.messaging;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many commands in one database transaction: all of them stored, or none. A Spring transaction around the commands
 * is not enough: Axon's JDBC connection provider attaches the connection to the first unit of work that asks for it
 * and commits it with that unit of work, so each command (a unit of work of its own) would commit the connection
 * as it ends. Here one Axon unit of work asks first; each command's is nested in it and rolls back only its own
 * staged events if it is refused, and the events of all are appended when the batch commits, with whatever else
 * the batch wrote through the same connection.
 */
@Component
public class CommandBatch {

    private final TransactionTemplate transactions;
    private final ConnectionProvider connections;

    public CommandBatch(PlatformTransactionManager transactionManager, ConnectionProvider connections) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.connections = connections;
    }

    /** Runs {@code work} (commands and writes) in one transaction; {@code name} says what it is, in the logs. */
    public <T> T inOneTransaction(String name, RequestContext context, Supplier<T> work) {
        return transactions.execute(status -> {
            DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(
                    new GenericMessage<>(name, context.toMetaData()));
            try {
                connections.getConnection();
                T result = work.get();
                batch.commit();
                return result;
            } catch (SQLException e) {
                batch.rollback(e);
                throw new IllegalStateException("no database connection for " + name, e);
            } catch (RuntimeException | Error e) {
                if (batch.isActive()) {
                    batch.rollback(e);
                }
                throw e;
            }
        });
    }
}
