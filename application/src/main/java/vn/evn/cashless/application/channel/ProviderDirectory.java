package vn.evn.cashless.application.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.infrastructure.AxonSetup;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.PaymentChannelRegistered;

/**
 * The one name of each provider: channels spell their own names inconsistently (MoMo, MOMO, momo), and every
 * payment and registration is recorded under the name the provider was first given. The first request that names a
 * provider claims that name (a unique key decides between concurrent ones); the events keep the table complete when
 * it is rebuilt from them. A name never changes once claimed, so every node may keep the names it has seen.
 */
@Component
@ProcessingGroup(AxonSetup.COMMAND_LOOKUPS)
public class ProviderDirectory {

    private static final String CLAIM =
            "INSERT INTO provider_directory (key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";

    private final JdbcTemplate jdbc;
    private final Map<String, String> known = new ConcurrentHashMap<>();

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

    /** Always written, not only when unknown here: the table must hold every name the events use. */
    private void remember(String name) {
        jdbc.update(CLAIM, Provider.of(name).key(), name);
    }
}
