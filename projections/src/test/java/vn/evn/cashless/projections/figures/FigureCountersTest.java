package vn.evn.cashless.projections.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelUnregistered;
import vn.evn.cashless.domain.customer.PaymentChannelRegistered;
import vn.evn.cashless.domain.customer.PaymentChannelUnregistered;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureSource;
import vn.evn.cashless.domain.organisation.CommuneAdded;
import vn.evn.cashless.domain.organisation.UnitKind;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.projections.support.ReadModelDatabase;

/**
 * The counters the figures read model keeps (customers per month of registration, paying customers per period,
 * customers with open registrations) never drift from a recount of the rows they count. A random history of
 * registrations, payments in several communes and months, reversals, duplicate registrations and registrations
 * opened and closed goes in as batches of random size; after every batch each counter table holds exactly the rows of
 * its recount (none left at 0, whatever the batches), and every count {@link StoredFigures}
 * answers equals the same count made over the rows.
 */
class FigureCountersTest {

    private static final String BRANCH = "BM";
    private static final List<String> COMMUNES = List.of("00991", "00982", "01018");
    private static final List<ChannelKind> KINDS = List.of(ChannelKind.values());
    private static final Instant START = Instant.parse("2020-11-20T00:00:00Z");
    private static final Instant END = Instant.parse("2022-02-10T00:00:00Z");

    private final JdbcTemplate jdbc = ReadModelDatabase.jdbc();
    private final FigureProjection projection = new FigureProjection(jdbc);
    private final StoredFigures stored = new StoredFigures(jdbc);

    private Random random;
    private final List<String> customers = new ArrayList<>();
    private final Map<String, String> communeOf = new HashMap<>();
    private final List<PaymentRecorded> counted = new ArrayList<>();
    private final List<Object> openPayment = new ArrayList<>();
    private final List<Object> openNotification = new ArrayList<>();
    private final List<Instant> instants = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void countersEqualTheirRecountAfterEveryBatch(long seed) {
        ReadModelDatabase.clear();
        random = new Random(seed);
        for (int i = 1; i <= 24; i++) {
            String customer = String.format("PA20BM%07d", i);
            customers.add(customer);
            communeOf.put(customer, COMMUNES.get(random.nextInt(COMMUNES.size())));
        }
        List<Object> first = new ArrayList<>();
        COMMUNES.forEach(c -> first.add(new CommuneAdded(BRANCH, c, "Xã " + c, UnitKind.COMMUNE, null)));
        batch(first);
        for (int b = 0; b < 20; b++) {
            List<Object> events = new ArrayList<>();
            int size = 1 + random.nextInt(40);
            for (int e = 0; e < size; e++) {
                events.add(randomEvent());
            }
            batch(events);
            assertCountersEqualRecount();
            if (b % 10 == 9) {
                assertAnswersEqualRowCounts();
            }
        }
    }

    private void batch(List<Object> events) {
        ReadModelDatabase.inOneBatch(() -> events.forEach(projection::on));
    }

    private Object randomEvent() {
        String customer = customers.get(random.nextInt(customers.size()));
        int what = random.nextInt(100);
        if (what < 12) {
            // registered again in the same or in another commune: the first registration stays
            String commune = random.nextInt(4) == 0 ? COMMUNES.get(random.nextInt(COMMUNES.size()))
                    : communeOf.get(customer);
            return new CustomerRegistered(customer, "Tên", BRANCH, commune, null, randomInstant());
        }
        if (what < 55 || counted.isEmpty()) {
            // mostly the customer's commune; sometimes another (a customer whose commune changed)
            String commune = random.nextInt(6) == 0 ? COMMUNES.get(random.nextInt(COMMUNES.size()))
                    : communeOf.get(customer);
            ChannelKind kind = KINDS.get(random.nextInt(KINDS.size()));
            PaymentRecorded paid = new PaymentRecorded(UUID.randomUUID().toString(), customer + "-2021-01", customer,
                    BRANCH, commune, "2021-01", 1_000 + random.nextInt(100_000), kind, kind.name(),
                    UUID.randomUUID().toString(), randomInstant());
            counted.add(paid);
            return paid;
        }
        if (what < 70) {
            PaymentRecorded p = counted.remove(random.nextInt(counted.size()));
            return new PaymentReversed(p.payment(), p.bill(), p.customer(), p.branch(), p.commune(), p.period(),
                    p.amount(), p.kind(), p.provider(), p.externalRef(), p.paidAt(), "trùng", randomInstant());
        }
        if (what < 80) {
            ChannelKind kind = KINDS.get(random.nextInt(3));
            PaymentChannelRegistered opened = new PaymentChannelRegistered(customer, BRANCH, random.nextInt(8) == 0
                    ? COMMUNES.get(random.nextInt(COMMUNES.size())) : communeOf.get(customer),
                    kind, kind.name(), randomInstant());
            openPayment.add(opened);
            return opened;
        }
        if (what < 86 && !openPayment.isEmpty()) {
            PaymentChannelRegistered o = (PaymentChannelRegistered) openPayment.remove(
                    random.nextInt(openPayment.size()));
            return new PaymentChannelUnregistered(o.customer(), o.branch(), o.commune(), o.kind(), o.provider(),
                    o.registeredAt(), o.registeredAt().plusSeconds(random.nextInt(200 * 86_400)));
        }
        if (what < 94) {
            NotificationChannel channel = random.nextBoolean() ? NotificationChannel.ZALO : NotificationChannel.SMS;
            NotificationChannelRegistered opened = new NotificationChannelRegistered(customer, BRANCH,
                    communeOf.get(customer), channel, randomInstant());
            openNotification.add(opened);
            return opened;
        }
        if (!openNotification.isEmpty()) {
            NotificationChannelRegistered o = (NotificationChannelRegistered) openNotification.remove(
                    random.nextInt(openNotification.size()));
            return new NotificationChannelUnregistered(o.customer(), o.branch(), o.commune(), o.channel(),
                    o.registeredAt(), o.registeredAt().plusSeconds(random.nextInt(200 * 86_400)));
        }
        return new CustomerRegistered(customer, "Tên", BRANCH, communeOf.get(customer), null, randomInstant());
    }

    /** An instant of the history's span, remembered so that counts are also taken exactly at it. */
    private Instant randomInstant() {
        Instant instant = START.plusSeconds(random.nextLong(END.getEpochSecond() - START.getEpochSecond()));
        instants.add(instant);
        return instant;
    }

    private void assertCountersEqualRecount() {
        assertThat(rows("SELECT branch, month, commune, customers FROM fig_customer_count"))
                .as("fig_customer_count").containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT branch, date_trunc('month', registered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                               commune, COUNT(*)
                        FROM fig_customer GROUP BY 1, 2, 3"""));
        assertThat(rows("SELECT branch, period, commune, kinds, customers FROM fig_paying"))
                .as("fig_paying").containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT branch, period, commune, kinds, COUNT(*)
                        FROM (SELECT branch, period, commune, customer,
                                     string_agg(kind, ',' ORDER BY kind COLLATE "C") AS kinds
                              FROM (SELECT DISTINCT m.branch, p.period, m.commune, m.customer, m.kind
                                    FROM fig_customer_month m
                                             CROSS JOIN LATERAL (VALUES (to_char(m.month, 'YYYY-MM')),
                                                (to_char(m.month, 'YYYY') || '-Q'
                                                 || extract(QUARTER FROM m.month)::int),
                                                (to_char(m.month, 'YYYY') || '-H'
                                                 || ((extract(MONTH FROM m.month)::int + 5) / 6)),
                                                (to_char(m.month, 'YYYY'))) p (period)
                                    WHERE m.payments > 0 AND m.month >= DATE '2000-01-01'
                                      AND m.month < DATE '2101-01-01') paid
                              GROUP BY branch, period, commune, customer) customer_sets
                        GROUP BY branch, period, commune, kinds"""));
        assertThat(rows("SELECT branch, period, commune, kind, provider, payments, amount FROM fig_period"))
                .as("fig_period").containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT m.branch, p.period, m.commune, m.kind, m.provider, SUM(m.payments)::bigint,
                               SUM(m.amount)::bigint
                        FROM fig_month m
                                 CROSS JOIN LATERAL (VALUES (to_char(m.month, 'YYYY-MM')),
                                    (to_char(m.month, 'YYYY') || '-Q' || extract(QUARTER FROM m.month)::int),
                                    (to_char(m.month, 'YYYY') || '-H'
                                     || ((extract(MONTH FROM m.month)::int + 5) / 6)),
                                    (to_char(m.month, 'YYYY'))) p (period)
                        WHERE m.month >= DATE '2000-01-01' AND m.month < DATE '2101-01-01'
                        GROUP BY 1, 2, 3, 4, 5"""));
        assertThat(rows("SELECT branch, type, commune, channels, customers FROM fig_registered"))
                .as("fig_registered").containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT branch, type, commune, channels, COUNT(*)
                        FROM (SELECT branch, type, commune, customer,
                                     string_agg(channel, ',' ORDER BY channel COLLATE "C") AS channels
                              FROM (SELECT DISTINCT branch, type, commune, customer, channel
                                    FROM fig_registration
                                    WHERE unregistered_at IS NULL) open_channels
                              GROUP BY branch, type, commune, customer) customer_sets
                        GROUP BY branch, type, commune, channels"""));
    }

    private void assertAnswersEqualRowCounts() {
        List<YearMonth[]> ranges = new ArrayList<>();
        for (String period : List.of("2021", "2022", "2020-12", "2022-01", "2021-H1", "2021-H2", "2021-Q1",
                "2021-Q3", "2021-06", "2021-07")) {
            ReportingPeriod p = ReportingPeriod.parse(period);
            ranges.add(new YearMonth[]{p.firstMonth(), p.endMonth()});
        }
        // ranges no reporting period names, counted from the customer-months
        ranges.add(new YearMonth[]{YearMonth.of(2021, 2), YearMonth.of(2021, 5)});
        ranges.add(new YearMonth[]{YearMonth.of(2020, 12), YearMonth.of(2021, 3)});
        List<Set<ChannelKind>> kindSets = List.of(EnumSet.of(ChannelKind.BANK, ChannelKind.E_WALLET),
                EnumSet.of(ChannelKind.INTERMEDIARY, ChannelKind.COUNTER), EnumSet.noneOf(ChannelKind.class),
                EnumSet.allOf(ChannelKind.class));
        for (YearMonth[] range : ranges) {
            for (Set<ChannelKind> kinds : kindSets) {
                assertThat(stored.payingCustomers(BRANCH, range[0], range[1], kinds))
                        .as("paying customers %s..%s %s", range[0], range[1], kinds)
                        .isEqualTo(counts("""
                                SELECT commune, COUNT(DISTINCT customer) FROM fig_customer_month
                                WHERE branch = ? AND month >= ? AND month < ? AND kind = ANY (?) AND payments > 0
                                GROUP BY commune""", BRANCH, range[0].atDay(1), range[1].atDay(1),
                                kinds.stream().map(Enum::name).toArray(String[]::new)));
            }
        }
        for (YearMonth[] range : ranges) {
            List<FigureSource.MonthSum> recount = jdbc.query("""
                    SELECT commune, kind, provider, SUM(payments), SUM(amount) FROM fig_month
                    WHERE branch = ? AND month >= ? AND month < ?
                    GROUP BY commune, kind, provider HAVING SUM(payments) <> 0""",
                    (rs, row) -> new FigureSource.MonthSum(rs.getString(1), ChannelKind.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getLong(4), rs.getLong(5)),
                    BRANCH, range[0].atDay(1), range[1].atDay(1));
            assertThat(stored.sums(BRANCH, range[0], range[1])).as("sums %s..%s", range[0], range[1])
                    .containsExactlyInAnyOrderElementsOf(recount);
        }
        // the instants of the history (a sample of them) and the months' bounds
        List<Instant> at = new ArrayList<>();
        for (int i = 0; i < 8 && !instants.isEmpty(); i++) {
            at.add(instants.get(random.nextInt(instants.size())));
        }
        at.add(START);
        at.add(END);
        for (YearMonth m = YearMonth.of(2020, 12); m.isBefore(YearMonth.of(2022, 3)); m = m.plusMonths(3)) {
            at.add(ReportingPeriod.month(m).start());
            at.add(ReportingPeriod.month(m).start().plusSeconds(86_400 * 9 + 17));
        }
        List<Set<String>> paymentChannels = List.of(Set.of("BANK", "E_WALLET"), Set.of("INTERMEDIARY"));
        for (Instant instant : at) {
            assertThat(stored.customers(BRANCH, instant)).as("customers at %s", instant).isEqualTo(counts("""
                    SELECT commune, COUNT(*) FROM fig_customer WHERE branch = ? AND registered_at < ?
                    GROUP BY commune""", BRANCH, timestamp(instant)));
            for (Set<String> channels : paymentChannels) {
                assertRegistered(Registration.Type.PAYMENT, channels, instant);
            }
            assertRegistered(Registration.Type.NOTIFICATION, Set.of("ZALO"), instant);
        }
    }

    private void assertRegistered(Registration.Type type, Set<String> channels, Instant at) {
        assertThat(stored.registeredCustomers(BRANCH, type, channels, at))
                .as("registered %s %s at %s", type, new TreeSet<>(channels), at).isEqualTo(counts("""
                        SELECT commune, COUNT(DISTINCT customer) FROM fig_registration
                        WHERE branch = ? AND type = ? AND channel = ANY (?) AND registered_at < ?
                          AND (unregistered_at IS NULL OR unregistered_at >= ?)
                        GROUP BY commune""", BRANCH, type.name(), channels.toArray(String[]::new), timestamp(at),
                        timestamp(at)));
    }

    private Map<String, Long> counts(String sql, Object... args) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, args);
        return counts;
    }

    private List<List<Object>> rows(String sql) {
        return jdbc.query(sql, (rs, row) -> {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object value = rs.getObject(i);
                values.add(value instanceof Number n ? (Object) n.longValue() : value instanceof String s
                        ? s.stripTrailing() : value);
            }
            return values;
        });
    }
}
