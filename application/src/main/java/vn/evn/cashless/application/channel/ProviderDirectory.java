package vn.evn.cashless.application.channel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.evn.cashless.application.admin.ReadModelRebuilt;
import vn.evn.cashless.application.infrastructure.AxonSetup;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.PaymentChannelRegistered;

/**
 * The one name of each provider: channels spell their own names inconsistently (MoMo, MOMO, momo), and every
 * payment and registration is recorded under the name the provider was first given. The first request that names a
 * provider claims that name (a unique key decides between concurrent ones); the events keep the table complete when
 * it is rebuilt from them. A name never changes once claimed, so every node may keep the names it has seen.
 * <p>
 * Every event that names a provider makes sure the table holds that name, in the event's own transaction. Once this
 * node has seen such a write commit, later events with the same name skip it (it was one database round trip of every
 * payment): the name is in the table, and stays there, because an event that names it is committed and the only
 * thing that removes rows, a rebuild of the look-ups on any node ({@code Rebuilds}), puts back the name of every
 * event committed before its switch-over. That write held the table's lock, which the switch-over takes exclusively,
 * so it committed before the switch or after it, into the new rows. A name this node only claimed for a request
 * ({@link #recorded}) is not remembered so: no event may carry it (the command can still be refused), and a rebuild
 * would not put it back. This node's memory is also forgotten when it rebuilds the look-ups itself.
 */
@Component
@ProcessingGroup(AxonSetup.COMMAND_LOOKUPS)
public class ProviderDirectory {

    private static final String CLAIM =
            "INSERT INTO provider_directory (key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";

    private final JdbcTemplate jdbc;
    private final Map<String, String> known = new ConcurrentHashMap<>();
    /** Keys whose row an event's committed transaction made sure of: see the class comment. */
    private final Set<String> committedByEvents = ConcurrentHashMap.newKeySet();

    public ProviderDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The provider under its one name, claiming {@code provider}'s spelling if it is the first. */
    public Provider recorded(Provider provider) {
        String name = known.computeIfAbsent(provider.key(), key -> {
            jdbc.update(CLAIM, key, provider.value());
            return jdbc.queryForObject("SELECT name FROM provider_directory WHERE key = ?", String.class, key);
        });
        return Provider.of(name);
    }

    @EventHandler
    void on(PaymentRecorded event) {
        remember(event.provider());
    }

    @EventHandler
    void on(PaymentChannelRegistered event) {
        remember(event.provider());
    }

    /** The table must hold every name the events use: written unless a committed event's write already did. */
    private void remember(String name) {
        String key = Provider.of(name).key();
        if (committedByEvents.contains(key)) {
            return;
        }
        jdbc.update(CLAIM, key, name);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committedByEvents.add(key);
                }
            });
        }
    }

    /** After this node replaced the look-ups by a rebuild, it knows nothing of the new rows but what it reads. */
    @EventListener
    public void on(ReadModelRebuilt rebuilt) {
        if (AxonSetup.COMMAND_LOOKUPS.equals(rebuilt.name())) {
            committedByEvents.clear();
            known.clear();
        }
    }
}
