package vn.evn.cashless.projections.customer;

import static vn.evn.cashless.projections.support.Sql.instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A customer, their active channels, and their payments. */
@Component
public class CustomerQueries {

    /** Digits, perhaps after a +: the start of a phone number. */
    private static final Pattern PHONE_PREFIX = Pattern.compile("\\+?[0-9]+");
    /** Letters and digits only: could be the start of a customer code. */
    private static final Pattern CODE_PREFIX = Pattern.compile("[A-Z0-9]{1,13}");

    private final JdbcTemplate jdbc;

    public CustomerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public CustomerView handle(FindCustomer query) {
        List<CustomerView.PaymentChannel> paymentChannels = jdbc.query("""
                        SELECT kind, provider, registered_at FROM rm_payment_channel
                        WHERE customer = ? AND unregistered_at IS NULL ORDER BY registered_at, provider""",
                (rs, row) -> new CustomerView.PaymentChannel(rs.getString("kind"), rs.getString("provider"),
                        instant(rs, "registered_at")), query.customer());
        List<CustomerView.NotificationChannel> notificationChannels = jdbc.query("""
                        SELECT channel, registered_at FROM rm_notification_channel
                        WHERE customer = ? AND unregistered_at IS NULL ORDER BY registered_at, channel""",
                (rs, row) -> new CustomerView.NotificationChannel(rs.getString("channel"),
                        instant(rs, "registered_at")), query.customer());
        return jdbc.query("""
                        SELECT c.code, c.name, c.branch, c.commune, m.name AS commune_name, c.phone, c.registered_at,
                               c.phone_status, c.phone_unreachable_since
                        FROM rm_customer c LEFT JOIN rm_commune m ON m.code = c.commune
                        WHERE c.code = ?""",
                (rs, row) -> new CustomerView(rs.getString("code"), rs.getString("name"), rs.getString("branch"),
                        rs.getString("commune"), rs.getString("commune_name"), rs.getString("phone"),
                        instant(rs, "registered_at"), paymentChannels, notificationChannels,
                        rs.getString("phone_status"), instant(rs, "phone_unreachable_since")), query.customer())
                .stream().findFirst().orElse(null);
    }

    @QueryHandler
    public PaymentPage handle(FindCustomerPayments query) {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM rm_payment WHERE customer = ?", Long.class,
                query.customer());
        return new PaymentPage(jdbc.query("SELECT " + PaymentView.COLUMNS + " FROM rm_payment WHERE customer = ? "
                        + "ORDER BY paid_at DESC, payment_id LIMIT ? OFFSET ?", PaymentView.ROW, query.customer(),
                query.page().size(), query.page().offset()), total);
    }

    /**
     * Filters by branch and commune, and by {@code q}: digits (and a leading +) search phones; anything else codes
     * and names. Each kind of match is one prefix scan of its own index (V10_1); the matches are then filtered and
     * paged by code.
     */
    @QueryHandler
    public CustomerPage handle(FindCustomers query) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> args = new ArrayList<>();
        StringBuilder from = new StringBuilder(" FROM rm_customer c");
        if (query.q() != null) {
            String q = query.q().strip();
            List<String> matches = new ArrayList<>();
            List<Object> matchArgs = new ArrayList<>();
            if (PHONE_PREFIX.matcher(q).matches()) {
                matches.add("SELECT code FROM rm_customer WHERE phone LIKE ?");
                matchArgs.add(q + "%");
            } else {
                String code = q.toUpperCase(Locale.ROOT);
                if (CODE_PREFIX.matcher(code).matches()) {
                    matches.add("SELECT code FROM rm_customer WHERE code LIKE ?");
                    matchArgs.add(code + "%");
                }
                String folded = SearchText.fold(q);
                if (!folded.isEmpty()) {
                    matches.add("SELECT customer FROM rm_customer_name_key WHERE key LIKE ?");
                    matchArgs.add(folded + "%");
                }
            }
            if (matches.isEmpty()) {
                return new CustomerPage(List.of(), 0);
            }
            from.append(" JOIN (").append(String.join(" UNION ", matches)).append(") m (code) ON m.code = c.code");
            args.addAll(matchArgs);
        }
        if (query.branch() != null) {
            where.append(" AND c.branch = ?");
            args.add(query.branch());
        }
        if (query.commune() != null) {
            where.append(" AND c.commune = ?");
            args.add(query.commune());
        }
        if (query.onlyBranches() != null) {
            where.append(" AND c.branch = ANY (?)");
            args.add(query.onlyBranches().toArray(String[]::new));
        }
        long total = jdbc.queryForObject("SELECT COUNT(*)" + from + where, Long.class, args.toArray());
        args.add(query.page().size());
        args.add(query.page().offset());
        return new CustomerPage(jdbc.query("SELECT c.code, c.name, c.branch, c.commune, c.phone, c.registered_at" + from
                        + where + " ORDER BY c.code LIMIT ? OFFSET ?",
                (rs, row) -> new CustomerSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), instant(rs, "registered_at")), args.toArray()), total);
    }

    /** A branch's customers whose phone is marked unreachable, the longest-unreachable first (a partial index). */
    @QueryHandler
    public UnreachablePhonePage handle(FindUnreachablePhones query) {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM rm_customer WHERE branch = ? "
                + "AND phone_status = 'UNREACHABLE'", Long.class, query.branch());
        return new UnreachablePhonePage(jdbc.query("""
                        SELECT code, name, commune, phone, phone_unreachable_since FROM rm_customer
                        WHERE branch = ? AND phone_status = 'UNREACHABLE'
                        ORDER BY phone_unreachable_since, code LIMIT ? OFFSET ?""",
                (rs, row) -> new UnreachablePhone(rs.getString("code"), rs.getString("name"),
                        rs.getString("commune"), rs.getString("phone"), instant(rs, "phone_unreachable_since")),
                query.branch(), query.page().size(), query.page().offset()), total);
    }

    @QueryHandler
    public PaymentView handle(FindPayment query) {
        return jdbc.query("SELECT " + PaymentView.COLUMNS + " FROM rm_payment WHERE payment_id = ?",
                PaymentView.ROW, query.payment()).stream().findFirst().orElse(null);
    }
}
