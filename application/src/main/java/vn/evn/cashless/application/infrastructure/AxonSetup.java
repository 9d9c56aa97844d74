package vn.evn.cashless.application.infrastructure;

import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.evn.cashless.application.admin.ReadModelFailures;
import vn.evn.cashless.application.messaging.CachedCommandTargetResolver;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.application.nodes.Nodes;
import vn.evn.cashless.domain.billing.Bill;
import vn.evn.cashless.domain.customer.Customer;
import vn.evn.cashless.domain.organisation.Branch;
import vn.evn.cashless.domain.notice.Notice;
import vn.evn.cashless.domain.plan.Plan;

/** Axon wiring that is part of the design rather than a tuning knob, so it lives in code, not in YAML. */
@Configuration(proxyBeanMethods = false)
public class AxonSetup {

    /** The processing group whose handlers keep the command-side look-ups, inside the command's transaction. */
    public static final String COMMAND_LOOKUPS = "command-lookups";

    /**
     * The domain module knows no Spring, so its aggregates are registered here rather than by annotation. Every
     * aggregate finds a command's target with {@link CachedCommandTargetResolver}: Axon's rules, looked up once per
     * command class.
     */
    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer
                .registerComponent(CommandTargetResolver.class, c -> new CachedCommandTargetResolver())
                .configureAggregate(Branch.class)
                .configureAggregate(Customer.class)
                .configureAggregate(Bill.class)
                .configureAggregate(Plan.class)
                .configureAggregate(Notice.class);
    }

    /** Events per query of a streaming reader (a processor catching up, a rebuild); also the JDBC fetch size. */
    public static final int EVENTS_PER_QUERY = 1_000;

    /** The least time between two tries to move the settled position on ({@link SettledPositions}). */
    public static final long SETTLE_INTERVAL_MS = 100;

    /**
     * The JDBC event store as Axon's auto-configuration builds it, except that it never queries the snapshot table
     * (the ledger makes no snapshots, and that query was half of the reads of every command) and that a streaming
     * reader gets {@value #EVENTS_PER_QUERY} events per query: Axon's default is 100, so a read model catching up or a
     * rebuild went back to the database every 100 events, while the processors handle up to 1,000 per batch
     * (application.yml); and that a reader's tokens do not carry the gaps known never to fill.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          SettledPositions settledPositions) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .batchSize(EVENTS_PER_QUERY);
        return new SnapshotFreeEventStorageEngine(builder, connectionProvider, eventSchema, settledPositions);
    }

    /** Axon's event table as it is, read with the settled position of each event (Axon's own bean stands back). */
    @Bean
    EventSchema eventSchema() {
        return SnapshotFreeEventStorageEngine.eventSchema();
    }

    /**
     * Moves on, for the event store's readers, how far the global index is settled; tried at most every
     * {@value #SETTLE_INTERVAL_MS} ms, whichever reader asks, so that a rolled-back append's indexes leave the readers'
     * tokens within about that long once no append is running.
     */
    @Bean
    SettledPositions settledPositions(DataSource dataSource) {
        return new SettledPositions(dataSource, Duration.ofMillis(SETTLE_INTERVAL_MS));
    }

    /**
     * The event store as Axon's auto-configuration builds it, except that a load inside a batch of commands finds the
     * batch's staged events in time linear in their number ({@link BatchEventStore}). Named and qualified as Axon
     * names and qualifies its own, which then stands back.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return new BatchEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /**
     * Look-ups are written by a subscribing processor in the same transaction as the events, and a failure there
     * (a payment reference already taken) must roll the command back, not be logged and forgotten.
     */
    @Bean
    ConfigurerModule commandLookupsInTransaction() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(COMMAND_LOOKUPS)
                .registerListenerInvocationErrorHandler(COMMAND_LOOKUPS, c -> PropagatingErrorHandler.instance());
    }

    /**
     * A read model never skips an event. Axon's default logs a failing event handler and goes on, so a read model
     * would silently miss that event. Instead the failure propagates: the pooled processor gives the batch back
     * (nothing of it is committed), releases the segment and claims it again after a back-off of 1 s, doubling up to
     * 60 s (Axon's, per segment), looked at every token-claim interval; it then applies the same event again.
     * Failures are recorded for status and health.
     */
    @Bean
    ConfigurerModule readModelsStopAtAFailingEvent(ReadModelFailures failures) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultHandlerInterceptor((c, processor) -> COMMAND_LOOKUPS.equals(processor)
                        ? (unitOfWork, chain) -> chain.proceed()
                        : failures.watching(processor));
    }

    /**
     * Axon's JDBC token store as its auto-configuration builds it (which then stands back), except that a token is
     * stored and a claim extended only under this node's own claim ({@link OwnClaimsTokenStore}): a node that
     * stalled past its claim cannot take a segment back. Claims are owned under the node's name ({@link Nodes#self()},
     * Axon's default {@code pid@host}), which the nodes' heartbeats and the rebuilds' pauses match them by.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          TokenStoreProperties properties, Nodes nodes) {
        return new OwnClaimsTokenStore(JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout()), nodes.self());
    }

    /**
     * A segment's stored position never moves back while a node holds it, and a read model is not handed again an
     * event its segment applied before that node claimed it ({@link ClaimedTokens}, {@link AppliedOnce}): without
     * these, a segment moving between nodes under load could count a payment twice in the figures.
     */
    @Bean
    static BeanPostProcessor tokensNeverMoveBack() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof TokenStore store && !(bean instanceof ClaimedTokens)
                        ? new ClaimedTokens(store) : bean;
            }
        };
    }

    /** See {@link #tokensNeverMoveBack()}. */
    @Bean
    ConfigurerModule readModelsApplyEachEventOnce(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((c, processor) -> {
                    if (COMMAND_LOOKUPS.equals(processor)) {
                        return (unitOfWork, chain) -> chain.proceed();
                    }
                    if (!(c.eventProcessingConfiguration().tokenStore(processor) instanceof ClaimedTokens tokens)) {
                        throw new IllegalStateException("processor " + processor + " does not use the ledger's "
                                + "token store (" + ClaimedTokens.class.getSimpleName() + ")");
                    }
                    return new AppliedOnce(processor, tokens, jdbc);
                });
    }

    /**
     * A replay stores a ReplayToken, which holds other tokens by their class name. Jackson 3 refuses such polymorphic
     * values unless told which classes may appear; these are Axon's own and the ledger's, never anything else.
     */
    @Bean
    Jackson3SerializerCustomizer polymorphicTokensOfKnownTypesOnly() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("vn.evn.cashless.")
                .build());
    }

    /** Copies who, why and from where from each command onto the events it causes. */
    @Bean
    CorrelationDataProvider requestContextOnEvents() {
        return new SimpleCorrelationDataProvider(RequestContext.ACTOR, RequestContext.CORRELATION_ID,
                RequestContext.SOURCE);
    }

    /**
     * Tells the event store that an insert failed on a unique key, so that creating an aggregate that exists is
     * reported as such (and a concurrent append as a conflict) rather than as a storage failure. PostgreSQL reports
     * it as SQLState 23505, also inside a batch update.
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql) {
                    for (SQLException next = sql; next != null; next = next.getNextException()) {
                        if ("23505".equals(next.getSQLState())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        };
    }
}
