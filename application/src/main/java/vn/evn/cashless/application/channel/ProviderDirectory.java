package vn.evn.cashless.application.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
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
 * payment and registration is recorded under the name the provider was first given.
 * <p>
 * A request only reads the table ({@link #recorded}): a provider it does not hold yet keeps the request's spelling.
 * The name is claimed by the event that first carries it, in that event's transaction, so a refused request stores
 * nothing here. Two requests that spell a new provider differently at the same time both read nothing; the first
 * to commit claims its spelling, and the other's transaction finds the name taken under another spelling, fails as a
 * conflict on a unique key ({@link DuplicateKeyException}) and is decided again, now under the name claimed.
 * <p>
 * Once this node has seen an event's write of a name commit, later events with the same name skip it (it was one
 * database round trip of every payment): the name is in the table, and stays there, because an event that names it
 * is committed and the only thing that removes rows, a rebuild of the look-ups on any node ({@code Rebuilds}), puts
 * back the name of every event committed before its switch-over. That write held a lock on the table, which the
 * switch-over's exclusive lock waits for, so it committed before the switch or after it, into the new rows. This
 * node's memory is forgotten when it rebuilds the look-ups itself.
 * <p>
 * A rebuild ({@link #rebuilding}) replays history as it is: the first event that names a provider gives its name,
 * as the table's first rows were made from the events before it ({@code V9__provider_directory.sql}). An event
 * that differs from the table is a conflict only for a command. This node's memory of committed names only saves
 * writes: an event whose name differs from it is checked against the table, not refused from memory.
 */
@Component
@ProcessingGroup(AxonSetup.COMMAND_LOOKUPS)
public class ProviderDirectory {

    /**
     * Claims the name unless the key is held. It locks no row that is held already, so it never waits for another
     * transaction that named the same provider; only for one that is claiming the key and has not committed yet.
     */
    private static final String CLAIM =
            "INSERT INTO provider_directory (key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
    private static final String NAME = "SELECT name FROM provider_directory WHERE key = ?";

    private final JdbcTemplate jdbc;
    private final boolean replaying;
    /** Names read from the table: a name never changes once claimed. */
    private final Map<String, String> known = new ConcurrentHashMap<>();
    /** Names whose row an event's committed transaction made sure of: see the class comment. */
    private final Map<String, String> committedByEvents = new ConcurrentHashMap<>();

    @Autowired
    public ProviderDirectory(JdbcTemplate jdbc) {
        this(jdbc, false);
    }

    private ProviderDirectory(JdbcTemplate jdbc, boolean replaying) {
        this.jdbc = jdbc;
        this.replaying = replaying;
    }

    /** The directory as a rebuild of the look-ups fills it from the history, each name as first recorded. */
    public static ProviderDirectory rebuilding(JdbcTemplate jdbc) {
        return new ProviderDirectory(jdbc, true);
    }

    /** The provider under its one name, or as spelled if no event has named it yet. Stores nothing. */
    public Provider recorded(Provider provider) {
        String key = provider.key();
        String name = known.get(key);
        if (name == null) {
            List<String> stored = jdbc.queryForList(NAME, String.class, key);
            if (stored.isEmpty()) {
                return provider;
            }
            name = stored.get(0);
            known.put(key, name);
        }
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
        if (name.equals(committedByEvents.get(key))) {
            return;
        }
        if (jdbc.update(CLAIM, key, name) == 0 && !replaying) {
            // the table decides, not this node's memory: a rebuild of the look-ups elsewhere replays old history
            String other = jdbc.queryForObject(NAME, String.class, key);
            if (!name.equals(other)) {
                known.remove(key);
                committedByEvents.remove(key);
                throw new DuplicateKeyException("the provider " + name + " is already recorded as " + other);
            }
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committedByEvents.put(key, name);
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
