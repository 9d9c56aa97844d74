package vn.evn.cashless.api.notice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.customer.CustomerController;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Paging;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.notice.NoticeProperties;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.figures.Figures;
import vn.evn.cashless.domain.figures.Indicator;
import vn.evn.cashless.domain.figures.PlanProgress;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.projections.customer.CustomerView;
import vn.evn.cashless.projections.customer.FindCustomer;
import vn.evn.cashless.projections.customer.FindUnreachablePhones;
import vn.evn.cashless.projections.customer.UnreachablePhonePage;
import vn.evn.cashless.projections.notice.BranchNotices;
import vn.evn.cashless.projections.notice.FindBranchNotices;
import vn.evn.cashless.projections.notice.FindCustomerNotices;
import vn.evn.cashless.projections.notice.NoticePage;
import vn.evn.cashless.projections.notice.NoticeProjection;
import vn.evn.cashless.projections.reporting.BranchView;
import vn.evn.cashless.projections.reporting.FindBranch;
import vn.evn.cashless.projections.reporting.FindPlanProgress;
import vn.evn.cashless.projections.support.PageRequest;

/**
 * What the ledger knows of bill notices (docs/notices.md, "Reads"): a customer's notices channel by channel, a
 * branch's phones to call, and a branch's messages over a period with their cost. Read models, eventually consistent
 * with the notices sent.
 */
@RestController
public class NoticeReadsController {

    /** Channels a notice may try, always reported (with zeros) so that a period without notices still says so. */
    private static final Set<NotificationChannel> TRIED = EnumSet.of(NotificationChannel.ZALO,
            NotificationChannel.APP, NotificationChannel.SMS);

    /** {@code channel} is null for a notice that had no channel to try. */
    public record NoticeEntry(String notice, String bill, String kind, String channel, String status, int attempts,
                              String reason, String queuedAt, String sentAt, String deliveredAt, String failedAt) {
    }

    public record CustomerNotices(String customer, List<NoticeEntry> notices, int page, int size, long total) {
    }

    public record UnreachablePhoneEntry(String customer, String name, String commune, String phone, String since) {
    }

    public record UnreachablePhones(String branch, List<UnreachablePhoneEntry> phones, int page, int size,
                                    long total) {
    }

    /** {@code costVnd} = {@code sent} × {@code priceVnd}; {@code failed} counts every failed try. */
    public record ChannelEntry(String channel, long sent, long delivered, long failed, long fallenBack,
                               long priceVnd, long costVnd) {
    }

    public record NoticeTotals(long sent, long delivered, long failed, long fallenBack, long costVnd) {
    }

    /**
     * The notices of the branch's bills whose month is in the period. The Zalo figures are the plan's for exactly
     * that period (null without a plan): its target, the customers registered for Zalo then, the achievement.
     */
    public record BranchNoticesResponse(String branch, String period, List<ChannelEntry> channels, NoticeTotals totals,
                                        long customersNotified, long customersReached,
                                        long customersReachedByZaloOrApp, BigDecimal reachedByZaloOrAppShare,
                                        Long zaloRegistrationsTarget, Long zaloRegistrations,
                                        BigDecimal zaloRegistrationsAchievement) {
    }

    private final Queries queries;
    private final Access access;
    private final NoticeProperties notices;

    public NoticeReadsController(Queries queries, Access access, NoticeProperties notices) {
        this.queries = queries;
        this.access = access;
        this.notices = notices;
    }

    /** A row per notice and channel tried, the newest notice first, its channels in the order they were tried. */
    @GetMapping("/api/customers/{code}/notices")
    public CustomerNotices customerNotices(@PathVariable String code, @RequestParam(required = false) String page,
                                           @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        CustomerCode customer = Inputs.value("code", code, CustomerCode::of);
        access.requireCustomer(customer);
        if (queries.one(new FindCustomer(customer.value()), CustomerView.class) == null) {
            throw new DomainException(ErrorCode.CUSTOMER_NOT_FOUND, "code", "no customer " + customer);
        }
        NoticePage found = queries.one(new FindCustomerNotices(customer.value(), request), NoticePage.class);
        return new CustomerNotices(customer.value(), found.items().stream().map(n -> new NoticeEntry(n.notice(),
                n.bill(), n.kind(), n.channel(), n.status(), n.attempts(), n.reason(), Times.local(n.queuedAt()),
                Times.local(n.sentAt()), Times.local(n.deliveredAt()), Times.local(n.failedAt()))).toList(),
                request.page(), request.size(), found.total());
    }

    /** Customers whose phone is marked unreachable, for staff to call: the longest unreachable first. */
    @GetMapping("/api/branches/{branch}/unreachable-phones")
    public UnreachablePhones unreachablePhones(@PathVariable String branch,
                                               @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        BranchCode code = branch(branch);
        boolean masked = access.user().seesPhonesMasked();
        UnreachablePhonePage found = queries.one(new FindUnreachablePhones(code.value(), request),
                UnreachablePhonePage.class);
        return new UnreachablePhones(code.value(), found.items().stream().map(p -> new UnreachablePhoneEntry(
                p.customer(), p.name(), p.commune(), masked ? CustomerController.masked(p.phone()) : p.phone(),
                Times.local(p.since()))).toList(), request.page(), request.size(), found.total());
    }

    @GetMapping("/api/branches/{branch}/notices")
    public BranchNoticesResponse branchNotices(@PathVariable String branch, @RequestParam String period) {
        ReportingPeriod reportingPeriod = Inputs.value("period", period, ReportingPeriod::parse);
        BranchCode code = branch(branch);
        BranchNotices found = queries.one(new FindBranchNotices(code.value(), reportingPeriod), BranchNotices.class);
        Map<String, BranchNotices.ChannelCounts> byChannel = found.channels().stream()
                .collect(Collectors.toMap(BranchNotices.ChannelCounts::channel, Function.identity()));
        List<ChannelEntry> channels = new ArrayList<>();
        for (NotificationChannel channel : NotificationChannel.values()) {
            BranchNotices.ChannelCounts counts = byChannel.get(channel.name());
            if (counts == null && !TRIED.contains(channel)) {
                continue;
            }
            long price = notices.price(channel);
            channels.add(counts == null ? new ChannelEntry(channel.name(), 0, 0, 0, 0, price, 0)
                    : new ChannelEntry(channel.name(), counts.sent(), counts.delivered(), counts.failed(),
                    counts.fallenBack(), price, counts.sent() * price));
        }
        channels.sort((a, b) -> Integer.compare(NoticeProjection.order(a.channel()),
                NoticeProjection.order(b.channel())));
        NoticeTotals totals = new NoticeTotals(channels.stream().mapToLong(ChannelEntry::sent).sum(),
                channels.stream().mapToLong(ChannelEntry::delivered).sum(),
                channels.stream().mapToLong(ChannelEntry::failed).sum(),
                channels.stream().mapToLong(ChannelEntry::fallenBack).sum(),
                channels.stream().mapToLong(ChannelEntry::costVnd).sum());
        Indicator zalo = zaloIndicator(code, reportingPeriod);
        return new BranchNoticesResponse(code.value(), reportingPeriod.toString(), channels, totals,
                found.customersNotified(), found.customersReached(), found.customersReachedByZaloOrApp(),
                Figures.reported(Figures.percent(found.customersReachedByZaloOrApp(), found.customersNotified())),
                zalo == null || zalo.target() == null ? null : zalo.target().longValue(),
                zalo == null || zalo.actual() == null ? null : zalo.actual().longValue(),
                zalo == null ? null : zalo.achievement());
    }

    /** The Zalo registrations indicator of the plan for exactly this period, as the progress report gives it. */
    private Indicator zaloIndicator(BranchCode branch, ReportingPeriod period) {
        PlanProgress progress = queries.one(new FindPlanProgress(branch.value(), period, null), PlanProgress.class);
        if (progress == null) {
            return null;
        }
        return progress.indicators().stream().filter(i -> i.name().equals(Indicator.ZALO_REGISTRATIONS))
                .findFirst().orElse(null);
    }

    /** Checked after the other inputs: a malformed request is a 400 whether or not the branch exists. */
    private BranchCode branch(String branch) {
        BranchCode code = Inputs.value("branch", branch, BranchCode::of);
        access.requireBranch(code.value());
        if (queries.one(new FindBranch(code.value()), BranchView.class) == null) {
            throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + code);
        }
        return code;
    }
}
