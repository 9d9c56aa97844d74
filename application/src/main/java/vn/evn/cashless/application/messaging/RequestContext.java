package vn.evn.cashless.application.messaging;

import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Who asked for a change, in which conversation, and through which door. Stored as metadata on every event the
 * command causes, so an auditor can always tell who did what and why.
 *
 * @param actor         the signed-in user acting, or the system (the demo loader)
 * @param correlationId ties the events of one request together, and to the caller's own logs
 * @param source        {@code api} or {@code demo}
 */
public record RequestContext(String actor, String correlationId, String source) {

    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String SOURCE = "source";

    public RequestContext {
        actor = actor == null || actor.isBlank() ? "anonymous" : actor.strip();
        correlationId = correlationId == null || correlationId.isBlank() ? FastIdentifierFactory.randomUuid().toString()
                : correlationId.strip();
        source = source == null || source.isBlank() ? "api" : source;
    }

    public MetaData toMetaData() {
        return MetaData.from(Map.of(ACTOR, actor, CORRELATION_ID, correlationId, SOURCE, source));
    }
}
