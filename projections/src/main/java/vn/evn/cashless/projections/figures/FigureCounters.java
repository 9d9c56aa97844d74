package vn.evn.cashless.projections.figures;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.projections.support.MultiRowInsert;
import vn.evn.cashless.projections.support.Sql;

/**
 * The counters the figures read model keeps beside its rows ({@code V13_1__figure_counters.sql}), written by
 * {@link FigureProjection} in the transaction that writes the rows they count, so that {@link StoredFigures} reads
 * tens of rows where it would otherwise count every customer and customer-month of a branch:
 * <ul>
 *     <li>{@code fig_customer_count}: customers per commune and local month of registration;</li>
 *     <li>{@code fig_paying}: per reporting period and commune, the (commune, customer) pairs of
 *     {@code fig_customer_month} with a counted payment in the period, by the set of kinds they paid through;</li>
 *     <li>{@code fig_registered}: per type and commune, the customers with open registrations, by the set of their
 *     open channels.</li>
 * </ul>
 * Each change is worked out from a customer's rows before and after the batch: the figures processor sends all of a
 * customer's events to one segment ({@code CustomerSequencingPolicy}), so no other transaction changes them meanwhile.
 * The counters themselves are shared between segments and only ever added to, in key order.
 */
final class FigureCounters {

    /** The years a {@link ReportingPeriod} can name. */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;

    private FigureCounters() {
    }

    /**
     * Counts the customers of {@code rows} ({@code branch, customer, commune, registered_at}) that {@code fig_customer}
     * does not hold yet, the first row of a customer as its insert keeps it. Runs before the rows are inserted.
     */
    static void countNewCustomers(JdbcTemplate jdbc, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<List<String>, Object[]> first = new LinkedHashMap<>();
        Map<String, Set<String>> byBranch = new LinkedHashMap<>();
        for (Object[] row : rows) {
            first.putIfAbsent(List.of((String) row[0], (String) row[1]), row);
            byBranch.computeIfAbsent((String) row[0], b -> new LinkedHashSet<>()).add((String) row[1]);
        }
        Set<List<String>> known = new HashSet<>();
        byBranch.forEach((branch, customers) -> jdbc.query(
                "SELECT customer FROM fig_customer WHERE branch = ? AND customer = ANY (?::bpchar[])",
                rs -> {
                    known.add(List.of(branch, rs.getString(1).stripTrailing()));
                }, branch, customers.toArray(String[]::new)));
        Map<List<Object>, long[]> counts = new HashMap<>();
        first.forEach((key, row) -> {
            if (!known.contains(key)) {
                LocalDate month = Sql.localMonth(((OffsetDateTime) row[3]).toInstant());
                counts.computeIfAbsent(List.of(row[0], month, row[2]), k -> new long[1])[0]++;
            }
        });
        write(jdbc, "fig_customer_count (branch, month, commune, customers)", "(branch, month, commune)",
                "customers", counts);
    }

    /**
     * Counts the changes of paying customers that {@code changes} ({@code branch, month, kind, customer, commune,
     * payments} to add, one per key of {@code fig_customer_month}) make. Runs before they are written: it reads each
     * touched customer's rows of the touched years as they stand, and applies the changes to them as the upsert
     * will (a new row takes the change's commune, an existing one keeps its own).
     * <p>
     * The touched customers are joined as a set ({@code unnest}), not matched with {@code = ANY}: once the statement
     * is prepared, PostgreSQL's generic plan for {@code = ANY} walked the primary key (branch, month, kind, customer)
     * over the branch's whole year, 24 ms for 1,000 customers at the benchmark's size, where one probe per customer
     * of {@code (branch, customer, month)} takes 8 ms.
     */
    static void countPaying(JdbcTemplate jdbc, List<Object[]> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<BranchYear, Set<String>> touched = new LinkedHashMap<>();
        for (Object[] change : changes) {
            touched.computeIfAbsent(new BranchYear((String) change[0], ((LocalDate) change[1]).getYear()),
                    k -> new LinkedHashSet<>()).add((String) change[3]);
        }
        Map<CustomerYear, Map<MonthKind, Paid>> before = new HashMap<>();
        touched.forEach((by, customers) -> jdbc.query("""
                        SELECT f.customer, f.month, f.kind, f.commune, f.payments
                        FROM unnest(?::bpchar[]) AS touched (customer)
                        JOIN fig_customer_month f ON f.branch = ? AND f.customer = touched.customer
                            AND f.month >= ? AND f.month < ?""",
                rs -> {
                    before.computeIfAbsent(new CustomerYear(by.branch(), rs.getString(1).stripTrailing(), by.year()),
                                    k -> new HashMap<>())
                            .put(new MonthKind(rs.getObject(2, LocalDate.class), rs.getString(3)),
                                    new Paid(rs.getString(4).stripTrailing(), rs.getLong(5)));
                }, customers.toArray(String[]::new), by.branch(), LocalDate.of(by.year(), 1, 1),
                LocalDate.of(by.year() + 1, 1, 1)));
        Map<CustomerYear, Map<MonthKind, Paid>> after = new HashMap<>();
        for (Object[] change : changes) {
            LocalDate month = (LocalDate) change[1];
            CustomerYear key = new CustomerYear((String) change[0], (String) change[3], month.getYear());
            Map<MonthKind, Paid> rows = after.computeIfAbsent(key,
                    k -> new HashMap<>(before.getOrDefault(k, Map.of())));
            rows.merge(new MonthKind(month, (String) change[2]), new Paid((String) change[4], (Long) change[5]),
                    (old, added) -> new Paid(old.commune(), old.payments() + added.payments()));
        }
        Map<List<Object>, long[]> counts = new HashMap<>();
        after.forEach((key, rows) -> {
            Map<List<String>, SortedSet<String>> was = paidKinds(before.getOrDefault(key, Map.of()));
            Map<List<String>, SortedSet<String>> is = paidKinds(rows);
            Set<List<String>> communePeriods = new HashSet<>(was.keySet());
            communePeriods.addAll(is.keySet());
            for (List<String> communePeriod : communePeriods) {
                move(counts, List.of(key.branch(), communePeriod.get(1), communePeriod.get(0)),
                        was.get(communePeriod), is.get(communePeriod));
            }
        });
        write(jdbc, "fig_paying (branch, period, commune, kinds, customers)", "(branch, period, commune, kinds)",
                "customers", counts);
    }

    /** Per (commune, period): the kinds a customer's rows hold a counted payment of. */
    private static Map<List<String>, SortedSet<String>> paidKinds(Map<MonthKind, Paid> rows) {
        Map<List<String>, SortedSet<String>> kinds = new HashMap<>();
        rows.forEach((monthKind, paid) -> {
            if (paid.payments() > 0) {
                for (String period : periodsOf(monthKind.month())) {
                    kinds.computeIfAbsent(List.of(paid.commune(), period), k -> new TreeSet<>())
                            .add(monthKind.kind());
                }
            }
        });
        return kinds;
    }

    /** Whether the paying customers of a year's periods are counted: those a {@link ReportingPeriod} can name. */
    static boolean counted(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /**
     * The month's own period and the quarter, half and year around it, as {@link ReportingPeriod} names them; none
     * for a year no period can name.
     */
    static List<String> periodsOf(LocalDate month) {
        if (!counted(month.getYear())) {
            return List.of();
        }
        ReportingPeriod own = ReportingPeriod.month(YearMonth.from(month));
        List<String> periods = new ArrayList<>(4);
        periods.add(own.toString());
        own.enclosing().forEach(p -> periods.add(p.toString()));
        return periods;
    }

    /** Per (branch, type, commune, customer): the channels of the customer's open registrations. */
    static Map<List<String>, SortedSet<String>> openRegistrations(JdbcTemplate jdbc, Collection<String> customers) {
        Map<List<String>, SortedSet<String>> open = new HashMap<>();
        if (!customers.isEmpty()) {
            jdbc.query("""
                    SELECT branch, type, commune, customer, channel FROM fig_registration
                    WHERE customer = ANY (?::bpchar[]) AND unregistered_at IS NULL""", rs -> {
                open.computeIfAbsent(List.of(rs.getString(1), rs.getString(2), rs.getString(3).stripTrailing(),
                        rs.getString(4).stripTrailing()), k -> new TreeSet<>()).add(rs.getString(5));
            }, (Object) customers.toArray(String[]::new));
        }
        return open;
    }

    /** Counts the change from the open registrations {@code before} a batch to those {@code after} it. */
    static void countRegistered(JdbcTemplate jdbc, Map<List<String>, SortedSet<String>> before,
                                Map<List<String>, SortedSet<String>> after) {
        Set<List<String>> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        Map<List<Object>, long[]> counts = new HashMap<>();
        for (List<String> key : keys) {
            move(counts, List.of(key.get(0), key.get(1), key.get(2)), before.get(key), after.get(key));
        }
        write(jdbc, "fig_registered (branch, type, commune, channels, customers)", "(branch, type, commune, channels)",
                "customers", counts);
    }

    /** One customer leaves the row of the set {@code was} and joins that of {@code is} (an empty set has no row). */
    private static void move(Map<List<Object>, long[]> counts, List<Object> key, SortedSet<String> was,
                             SortedSet<String> is) {
        String from = was == null || was.isEmpty() ? null : String.join(",", was);
        String to = is == null || is.isEmpty() ? null : String.join(",", is);
        if (from != null && from.equals(to)) {
            return;
        }
        if (from != null) {
            counts.computeIfAbsent(append(key, from), k -> new long[1])[0]--;
        }
        if (to != null) {
            counts.computeIfAbsent(append(key, to), k -> new long[1])[0]++;
        }
    }

    private static List<Object> append(List<Object> key, Object last) {
        List<Object> longer = new ArrayList<>(key);
        longer.add(last);
        return longer;
    }

    private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /**
     * Adds {@code counts} to the counter table, in key order (segments adding to the same counters lock them in the
     * same order), and removes the rows that came to 0: the table holds exactly the rows a recount makes, however
     * the history was cut into batches (a rebuild's checksum equals the live one's).
     */
    private static void write(JdbcTemplate jdbc, String table, String key, String column,
                              Map<List<Object>, long[]> counts) {
        Map<List<Object>, long[]> sorted = new TreeMap<>(KEY_ORDER);
        counts.forEach((k, v) -> {
            if (v[0] != 0) {
                sorted.put(k, v);
            }
        });
        if (sorted.isEmpty()) {
            return;
        }
        int keyColumns = sorted.keySet().iterator().next().size();
        List<Object[]> rows = new ArrayList<>(sorted.size());
        List<Object[]> lowered = new ArrayList<>();
        sorted.forEach((k, v) -> {
            Object[] row = k.toArray(new Object[keyColumns + 1]);
            row[keyColumns] = v[0];
            rows.add(row);
            if (v[0] < 0) {
                lowered.add(k.toArray());
            }
        });
        String name = table.substring(0, table.indexOf(' '));
        MultiRowInsert.write(jdbc, "INSERT INTO " + table + " VALUES", "ON CONFLICT " + key + " DO UPDATE SET "
                + column + " = " + name + "." + column + " + EXCLUDED." + column, keyColumns + 1, rows);
        MultiRowInsert.write(jdbc, "DELETE FROM " + name + " WHERE " + column + " = 0 AND " + key + " IN (VALUES",
                ")", keyColumns, lowered);
    }

    private record BranchYear(String branch, int year) {
    }

    private record CustomerYear(String branch, String customer, int year) {
    }

    private record MonthKind(LocalDate month, String kind) {
    }

    private record Paid(String commune, long payments) {
    }
}
