package vn.evn.cashless.projections.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.CustomerPhoneChanged;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.customer.PhoneMarkedUnreachable;
import vn.evn.cashless.domain.customer.PhoneReached;
import vn.evn.cashless.domain.notice.NoticeDelivered;
import vn.evn.cashless.domain.notice.NoticeFailed;
import vn.evn.cashless.domain.notice.NoticeFellBack;
import vn.evn.cashless.domain.notice.NoticeKind;
import vn.evn.cashless.domain.notice.NoticeQueued;
import vn.evn.cashless.domain.notice.NoticeSent;
import vn.evn.cashless.domain.notice.NoticeUndeliverable;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.projections.customer.CustomerProjection;
import vn.evn.cashless.projections.customer.CustomerQueries;
import vn.evn.cashless.projections.customer.CustomerView;
import vn.evn.cashless.projections.customer.FindCustomer;
import vn.evn.cashless.projections.customer.FindUnreachablePhones;
import vn.evn.cashless.projections.customer.UnreachablePhonePage;
import vn.evn.cashless.projections.support.PageRequest;
import vn.evn.cashless.projections.support.ReadModelDatabase;

class NoticeProjectionTest {

    private static final NotificationChannel ZALO = NotificationChannel.ZALO;
    private static final NotificationChannel APP = NotificationChannel.APP;
    private static final NotificationChannel SMS = NotificationChannel.SMS;
    private static final Instant T0 = Instant.parse("2021-06-05T01:00:00Z");

    private final JdbcTemplate jdbc = ReadModelDatabase.jdbc();
    private final NoticeProjection projection = new NoticeProjection(jdbc);
    private final NoticeQueries queries = new NoticeQueries(jdbc);

    @BeforeEach
    void clear() {
        ReadModelDatabase.clear();
        projection.reset();
        jdbc.execute("TRUNCATE rm_customer_name_key");
    }

    @Test
    void aPermanentFailureFallsBackToTheNextChannelsRowWhetherTheEventsComeInOneBatchOrMany() {
        List<Object> events = fellBackThenDelivered("PA20BM0000001", "2021-06", NoticeKind.BILL, T0);
        List<List<NoticeView>> seen = new ArrayList<>();
        for (boolean oneBatch : new boolean[]{true, false}) {
            projection.reset();
            if (oneBatch) {
                ReadModelDatabase.inOneBatch(() -> events.forEach(this::apply));
            } else {
                events.forEach(event -> ReadModelDatabase.inOneBatch(() -> apply(event)));
            }
            seen.add(notices("PA20BM0000001"));
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        List<NoticeView> rows = seen.get(0);
        assertThat(rows).extracting(NoticeView::channel).containsExactly("ZALO", "SMS");
        NoticeView zalo = rows.get(0);
        assertThat(zalo.notice()).isEqualTo("PA20BM0000001-2021-06-BILL");
        assertThat(zalo.bill()).isEqualTo("PA20BM0000001-2021-06");
        assertThat(zalo.kind()).isEqualTo("BILL");
        assertThat(zalo.status()).isEqualTo("FAILED");
        assertThat(zalo.attempts()).isEqualTo(1);
        assertThat(zalo.reason()).isEqualTo("not a Zalo user");
        assertThat(zalo.queuedAt()).isEqualTo(T0);
        assertThat(zalo.failedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(zalo.sentAt()).isNull();
        NoticeView sms = rows.get(1);
        assertThat(sms.status()).isEqualTo("DELIVERED");
        assertThat(sms.attempts()).isEqualTo(1);
        assertThat(sms.reason()).isNull();
        assertThat(sms.queuedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(sms.sentAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(sms.deliveredAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aTemporaryFailureWaitsOnTheSameChannelAndTheLastChannelGivingUpFailsTheNotice() {
        NoticeQueued queued = queued("PA20BM0000002", "2021-06", NoticeKind.BILL, List.of(SMS), T0);
        ReadModelDatabase.inOneBatch(() -> {
            projection.on(queued);
            projection.on(failed(queued, SMS, 1, "gateway busy", false, T0.plusSeconds(1)));
        });
        NoticeView waiting = notices("PA20BM0000002").get(0);
        assertThat(waiting.status()).isEqualTo("QUEUED");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.reason()).isEqualTo("gateway busy");

        ReadModelDatabase.inOneBatch(() -> projection.on(failed(queued, SMS, 2, "timeout", false,
                T0.plusSeconds(30))));
        ReadModelDatabase.inOneBatch(() -> projection.on(undeliverable(queued, "every channel failed: [SMS]",
                T0.plusSeconds(30))));

        NoticeView failed = notices("PA20BM0000002").get(0);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.reason()).as("the channel's own last reason").isEqualTo("timeout");
        assertThat(failed.failedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(report("2021-06").channels()).containsExactly(
                new BranchNotices.ChannelCounts("SMS", 0, 0, 2, 0));
    }

    @Test
    void aNoticeWithoutAnyChannelIsOneFailedRowWithoutAChannel() {
        NoticeQueued queued = queued("PA20BM0000003", "2021-06", NoticeKind.BILL, List.of(), T0);
        ReadModelDatabase.inOneBatch(() -> {
            projection.on(queued);
            projection.on(new NoticeUndeliverable(queued.notice(), queued.bill(), queued.kind(), queued.customer(),
                    queued.branch(), queued.commune(), queued.period(),
                    "no channel: no phone number and no ZALO or APP registration", null, false, T0));
        });

        List<NoticeView> rows = notices("PA20BM0000003");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).channel()).isNull();
        assertThat(rows.get(0).status()).isEqualTo("FAILED");
        assertThat(rows.get(0).attempts()).isZero();
        assertThat(rows.get(0).reason()).startsWith("no channel");
        assertThat(rows.get(0).failedAt()).isEqualTo(T0);
        BranchNotices report = report("2021-06");
        assertThat(report.channels()).isEmpty();
        assertThat(report.customersNotified()).isEqualTo(1);
        assertThat(report.customersReached()).isZero();
    }

    @Test
    void countsPerChannelAndTheShareOfCustomersReachedByZaloOrAppFollowTheBillMonth() {
        Instant july = Instant.parse("2021-07-05T01:00:00Z");
        ReadModelDatabase.inOneBatch(() -> {
            // A: Zalo fails, SMS delivers; its reminder goes by SMS too
            fellBackThenDelivered("PA20BM0000011", "2021-06", NoticeKind.BILL, T0).forEach(this::apply);
            deliveredOn("PA20BM0000011", "2021-06", NoticeKind.REMINDER, SMS, T0.plusSeconds(600));
            // B: the app delivers the bill notice, Zalo the reminder: one customer reached by ZALO or APP
            deliveredOn("PA20BM0000012", "2021-06", NoticeKind.BILL, APP, T0);
            deliveredOn("PA20BM0000012", "2021-06", NoticeKind.REMINDER, ZALO, T0.plusSeconds(600));
            // C: still waiting for a receipt
            NoticeQueued c = queued("PA20BM0000013", "2021-06", NoticeKind.BILL, List.of(SMS), T0);
            projection.on(c);
            projection.on(sent(c, SMS, 1, T0.plusSeconds(1)));
            // D: a bill of July, and one of another branch
            deliveredOn("PA20BM0000014", "2021-07", NoticeKind.BILL, ZALO, july);
            NoticeQueued other = new NoticeQueued("PA20XX0000015-2021-06-BILL", "PA20XX0000015-2021-06",
                    NoticeKind.BILL, "PA20XX0000015", "XX", "00001", "2021-06", 100_000, LocalDate.of(2021, 6, 25),
                    List.of(SMS), "0912345678", "text", T0);
            projection.on(other);
        });

        BranchNotices june = report("2021-06");
        assertThat(june.channels()).containsExactly(
                new BranchNotices.ChannelCounts("ZALO", 1, 1, 1, 1),
                new BranchNotices.ChannelCounts("APP", 1, 1, 0, 0),
                new BranchNotices.ChannelCounts("SMS", 3, 2, 0, 0));
        assertThat(june.customersNotified()).isEqualTo(3);
        assertThat(june.customersReached()).isEqualTo(2);
        assertThat(june.customersReachedByZaloOrApp()).isEqualTo(1);

        BranchNotices quarter = report("2021-Q3");
        assertThat(quarter.channels()).containsExactly(new BranchNotices.ChannelCounts("ZALO", 1, 1, 0, 0));
        assertThat(quarter.customersNotified()).isEqualTo(1);
        assertThat(quarter.customersReachedByZaloOrApp()).isEqualTo(1);

        BranchNotices year = report("2021");
        assertThat(year.customersNotified()).isEqualTo(4);
        assertThat(year.customersReachedByZaloOrApp()).isEqualTo(2);
        assertThat(report("2020").customersNotified()).isZero();
        assertThat(report("2020").channels()).isEmpty();
    }

    @Test
    void aCustomersNoticesComeNewestFirstAndArePaged() {
        ReadModelDatabase.inOneBatch(() -> {
            deliveredOn("PA20BM0000021", "2021-06", NoticeKind.BILL, SMS, T0);
            deliveredOn("PA20BM0000021", "2021-06", NoticeKind.REMINDER, SMS, T0.plus(Duration.ofDays(17)));
        });
        ReadModelDatabase.inOneBatch(() -> fellBackThenDelivered("PA20BM0000021", "2021-07", NoticeKind.BILL,
                Instant.parse("2021-07-05T01:00:00Z")).forEach(this::apply));

        NoticePage all = queries.handle(new FindCustomerNotices("PA20BM0000021", new PageRequest(0, 10)));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.items()).extracting(n -> n.notice() + "/" + n.channel()).containsExactly(
                "PA20BM0000021-2021-07-BILL/ZALO", "PA20BM0000021-2021-07-BILL/SMS",
                "PA20BM0000021-2021-06-REMINDER/SMS", "PA20BM0000021-2021-06-BILL/SMS");
        NoticePage second = queries.handle(new FindCustomerNotices("PA20BM0000021", new PageRequest(1, 3)));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.items()).extracting(NoticeView::notice).containsExactly("PA20BM0000021-2021-06-BILL");
    }

    @Test
    void aPhoneMarkedUnreachableIsListedUntilItAnswersOrChanges() {
        CustomerProjection customers = new CustomerProjection(jdbc);
        CustomerQueries customerQueries = new CustomerQueries(jdbc);
        Instant registered = Instant.parse("2020-01-01T00:00:00Z");
        customers.on(new CustomerRegistered("PA20BM0000031", "Nguyễn Văn An", "BM", "00991", "0912345699",
                registered));
        customers.on(new CustomerRegistered("PA20BM0000032", "Lê Thị Bích", "BM", "00991", "0912345799",
                registered));
        customers.on(new CustomerRegistered("PA20BM0000033", "Hoàng Văn Cường", "BM", "00991", "0912345899",
                registered));
        assertThat(customerQueries.handle(new FindCustomer("PA20BM0000031")).phoneStatus()).isEqualTo("OK");

        Instant later = Instant.parse("2021-07-10T02:00:00Z");
        customers.on(new PhoneMarkedUnreachable("PA20BM0000032", "BM", "00991", "0912345799", List.of("a", "b"),
                later));
        customers.on(new PhoneMarkedUnreachable("PA20BM0000031", "BM", "00991", "0912345699", List.of("a", "b"),
                T0));
        customers.on(new PhoneMarkedUnreachable("PA20BM0000033", "BM", "00991", "0912345899", List.of("a", "b"),
                later.plusSeconds(60)));

        CustomerView an = customerQueries.handle(new FindCustomer("PA20BM0000031"));
        assertThat(an.phoneStatus()).isEqualTo("UNREACHABLE");
        assertThat(an.phoneUnreachableSince()).isEqualTo(T0);
        UnreachablePhonePage page = customerQueries.handle(new FindUnreachablePhones("BM", new PageRequest(0, 2)));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(p -> p.customer()).containsExactly("PA20BM0000031", "PA20BM0000032");
        assertThat(page.items().get(0).phone()).isEqualTo("0912345699");
        assertThat(page.items().get(0).name()).isEqualTo("Nguyễn Văn An");
        assertThat(page.items().get(0).since()).isEqualTo(T0);
        assertThat(customerQueries.handle(new FindUnreachablePhones("XX", new PageRequest(0, 2))).total()).isZero();

        customers.on(new PhoneReached("PA20BM0000031", "BM", "00991", "0912345699", "c", later));
        customers.on(new CustomerPhoneChanged("PA20BM0000032", "BM", "00991", "0912345799", "0987654321", later));

        UnreachablePhonePage left = customerQueries.handle(new FindUnreachablePhones("BM", new PageRequest(0, 10)));
        assertThat(left.items()).extracting(p -> p.customer()).containsExactly("PA20BM0000033");
        CustomerView changed = customerQueries.handle(new FindCustomer("PA20BM0000032"));
        assertThat(changed.phoneStatus()).isEqualTo("OK");
        assertThat(changed.phoneUnreachableSince()).isNull();
        assertThat(changed.phone()).isEqualTo("0987654321");
        assertThat(customerQueries.handle(new FindCustomer("PA20BM0000031")).phoneStatus()).isEqualTo("OK");
    }

    // ----- events -----

    private List<NoticeView> notices(String customer) {
        return queries.handle(new FindCustomerNotices(customer, new PageRequest(0, 100))).items();
    }

    private BranchNotices report(String period) {
        return queries.handle(new FindBranchNotices("BM", ReportingPeriod.parse(period)));
    }

    private void apply(Object event) {
        if (event instanceof NoticeQueued e) {
            projection.on(e);
        } else if (event instanceof NoticeSent e) {
            projection.on(e);
        } else if (event instanceof NoticeDelivered e) {
            projection.on(e);
        } else if (event instanceof NoticeFailed e) {
            projection.on(e);
        } else if (event instanceof NoticeFellBack e) {
            projection.on(e);
        } else if (event instanceof NoticeUndeliverable e) {
            projection.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    /** Zalo is refused for good at +1 s, SMS is tried, sent at +2 s and delivered at +3 s. */
    private static List<Object> fellBackThenDelivered(String customer, String period, NoticeKind kind, Instant at) {
        NoticeQueued queued = queued(customer, period, kind, List.of(ZALO, SMS), at);
        return List.of(queued, failed(queued, ZALO, 1, "not a Zalo user", true, at.plusSeconds(1)),
                new NoticeFellBack(queued.notice(), queued.bill(), kind, customer, queued.branch(), queued.commune(),
                        period, ZALO, SMS, at.plusSeconds(1)),
                sent(queued, SMS, 1, at.plusSeconds(2)),
                new NoticeDelivered(queued.notice(), queued.bill(), kind, customer, queued.branch(), queued.commune(),
                        period, SMS, at.plusSeconds(3)));
    }

    private void deliveredOn(String customer, String period, NoticeKind kind, NotificationChannel channel,
                             Instant at) {
        NoticeQueued queued = queued(customer, period, kind, List.of(channel), at);
        projection.on(queued);
        projection.on(sent(queued, channel, 1, at));
        projection.on(new NoticeDelivered(queued.notice(), queued.bill(), kind, customer, queued.branch(),
                queued.commune(), period, channel, at));
    }

    private static NoticeQueued queued(String customer, String period, NoticeKind kind,
                                       List<NotificationChannel> channels, Instant at) {
        String bill = customer + "-" + period;
        return new NoticeQueued(bill + "-" + kind, bill, kind, customer, "BM", "00991", period, 250_000,
                LocalDate.parse(period + "-25"), channels, "0912345678", "EVN thông báo", at);
    }

    private static NoticeSent sent(NoticeQueued q, NotificationChannel channel, int attempt, Instant at) {
        return new NoticeSent(q.notice(), q.bill(), q.kind(), q.customer(), q.branch(), q.commune(), q.period(),
                channel, q.phone(), attempt, at);
    }

    private static NoticeFailed failed(NoticeQueued q, NotificationChannel channel, int attempt, String reason,
                                       boolean permanent, Instant at) {
        return new NoticeFailed(q.notice(), q.bill(), q.kind(), q.customer(), q.branch(), q.commune(), q.period(),
                channel, attempt, reason, permanent, at);
    }

    private static NoticeUndeliverable undeliverable(NoticeQueued q, String reason, Instant at) {
        return new NoticeUndeliverable(q.notice(), q.bill(), q.kind(), q.customer(), q.branch(), q.commune(),
                q.period(), reason, q.phone(), true, at);
    }
}
