package vn.evn.cashless.api.web;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Asks the read models, rethrowing what a query handler threw as it was. */
@Component
public class Queries {

    private final QueryGateway gateway;

    public Queries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    /** The answer, or {@code null} when the read model has none. */
    public <R> R one(Object query, Class<R> type) {
        try {
            return gateway.query(query, ResponseTypes.instanceOf(type)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public <R> List<R> many(Object query, Class<R> type) {
        try {
            return gateway.query(query, ResponseTypes.multipleInstancesOf(type)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
