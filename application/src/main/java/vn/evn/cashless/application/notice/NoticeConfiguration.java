package vn.evn.cashless.application.notice;

import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.ObjectMapper;
import vn.evn.cashless.application.messaging.CommandBatch;
import vn.evn.cashless.application.messaging.CommandSender;
import vn.evn.cashless.application.nodes.Nodes;
import vn.evn.cashless.domain.shared.Zones;

/**
 * Which gateway sends the notices, and the workers and timer that drive them. Without a gateway
 * ({@code ledger.notices.gateway=off}) notices are still noted as due, and wait: nothing is lost, nothing is sent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticeProperties.class)
public class NoticeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NoticeConfiguration.class);

    /** The gateway in use: {@code simulator}, {@code http} or {@code off}. */
    public record GatewayChoice(String name) {

        public boolean isOff() {
            return "off".equals(name);
        }
    }

    @Bean
    GatewayChoice noticeGatewayChoice(NoticeProperties properties, Environment environment) {
        String name = properties.gateway();
        if (name == null || name.isBlank()) {
            name = environment.containsProperty("spring.datasource.url") ? "off" : "simulator";
        }
        name = name.strip().toLowerCase(Locale.ROOT);
        if (!name.equals("simulator") && !name.equals("http") && !name.equals("off")) {
            throw new IllegalArgumentException("ledger.notices.gateway must be simulator, http or off, not " + name);
        }
        if (name.equals("off")) {
            log.warn("No notice gateway (ledger.notices.gateway=off): bill notices are kept waiting, none is sent");
        }
        return new GatewayChoice(name);
    }

    @Bean
    SimulatorNoticeGateway simulatorNoticeGateway(JdbcTemplate jdbc, Nodes nodes) {
        return new SimulatorNoticeGateway(jdbc, nodes.self());
    }

    @Bean
    NoticeDispatcher noticeDispatcher(GatewayChoice choice, SimulatorNoticeGateway simulator, JdbcTemplate jdbc,
                                      NoticeSteps steps, CommandSender commands, CommandBatch batches,
                                      NoticeProperties properties, Nodes nodes, ObjectMapper json) {
        NoticeGateway gateway = switch (choice.name()) {
            case "simulator" -> simulator;
            case "http" -> new HttpNoticeGateway(properties.http(), json);
            default -> null;
        };
        return new NoticeDispatcher(jdbc, gateway, steps, commands, batches, properties, nodes);
    }

    /** Every node looks for due reminders now and then; each bill is taken by one of them. */
    @Bean
    SmartLifecycle reminderTimer(NoticeReminders reminders, NoticeProperties properties) {
        return new SmartLifecycle() {
            private ScheduledExecutorService timer;

            @Override
            public void start() {
                timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "notice-reminders");
                    thread.setDaemon(true);
                    return thread;
                });
                long every = properties.reminderCheck().toMillis();
                timer.scheduleWithFixedDelay(() -> {
                    try {
                        NoticeReminders.Pass pass = reminders.remind(LocalDate.now(Zones.VIETNAM));
                        if (pass.queued() + pass.skippedPaid() + pass.skippedOverdue() > 0) {
                            log.info("Reminders of {}: {} queued, {} paid, {} past due", pass.date(), pass.queued(),
                                    pass.skippedPaid(), pass.skippedOverdue());
                        }
                    } catch (RuntimeException e) {
                        log.warn("Looking for due reminders failed; trying again in {}: {}",
                                properties.reminderCheck(), e.toString());
                    }
                }, every, every, TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                timer.shutdownNow();
            }

            @Override
            public boolean isRunning() {
                return timer != null && !timer.isShutdown();
            }
        };
    }
}
