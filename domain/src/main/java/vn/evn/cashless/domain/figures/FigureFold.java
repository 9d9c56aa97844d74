package vn.evn.cashless.domain.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelUnregistered;
import vn.evn.cashless.domain.customer.PaymentChannelRegistered;
import vn.evn.cashless.domain.customer.PaymentChannelUnregistered;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.CustomerListed;
import vn.evn.cashless.domain.figures.FigureChange.PaymentCounted;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureChange.RegistrationClosed;
import vn.evn.cashless.domain.figures.FigureChange.RegistrationOpened;
import vn.evn.cashless.domain.organisation.CommuneAdded;
import vn.evn.cashless.domain.plan.PlanAssigned;
import vn.evn.cashless.domain.shared.Zones;

/**
 * The one fold every figure comes from: event by event, what changes in the state coverage, plan progress and the
 * channel breakdown are read from. Pure: the live read model and an auditor's as-of replay both call it, and
 * {@link Reports} reads every figure from its state the same way. The rules it applies (docs/domain.md, "What
 * counts"):
 * <ul>
 *     <li>a payment counts in the local (Asia/Ho_Chi_Minh) month of its {@code paidAt};</li>
 *     <li>a reversal takes it out again, whenever it was recorded;</li>
 *     <li>events no figure depends on (bills, phone changes, branches) change nothing.</li>
 * </ul>
 */
public final class FigureFold {

    /** The events that count payments in a month: their effects add up in any order. */
    public static final Set<Class<?>> PAYMENT_TYPES = Set.of(PaymentRecorded.class, PaymentReversed.class);

    /** The other events the fold takes anything from, in history order; every other event changes nothing. */
    public static final Set<Class<?>> STATE_TYPES = Set.of(CustomerRegistered.class, PaymentChannelRegistered.class,
            PaymentChannelUnregistered.class, NotificationChannelRegistered.class,
            NotificationChannelUnregistered.class, CommuneAdded.class, PlanAssigned.class);

    private FigureFold() {
    }

    /** What {@code event} changes; empty for events no figure depends on. */
    public static List<FigureChange> changes(Object event) {
        if (event instanceof PaymentRecorded e) {
            return List.of(new PaymentCounted(e.branch(), e.commune(), e.customer(), localMonth(e.paidAt()),
                    e.kind(), e.provider(), 1, e.amount()));
        }
        if (event instanceof PaymentReversed e) {
            return List.of(new PaymentCounted(e.branch(), e.commune(), e.customer(), localMonth(e.paidAt()),
                    e.kind(), e.provider(), -1, e.amount()));
        }
        if (event instanceof CustomerRegistered e) {
            return List.of(new CustomerListed(e.branch(), e.commune(), e.customer(), e.registeredAt()));
        }
        if (event instanceof PaymentChannelRegistered e) {
            return List.of(new RegistrationOpened(e.branch(), e.commune(), e.customer(),
                    Registration.payment(e.kind(), e.provider()), e.registeredAt()));
        }
        if (event instanceof PaymentChannelUnregistered e) {
            return List.of(new RegistrationClosed(e.branch(), e.customer(),
                    Registration.payment(e.kind(), e.provider()), e.registeredAt(), e.unregisteredAt()));
        }
        if (event instanceof NotificationChannelRegistered e) {
            return List.of(new RegistrationOpened(e.branch(), e.commune(), e.customer(),
                    Registration.notification(e.channel().name()), e.registeredAt()));
        }
        if (event instanceof NotificationChannelUnregistered e) {
            return List.of(new RegistrationClosed(e.branch(), e.customer(),
                    Registration.notification(e.channel().name()), e.registeredAt(), e.unregisteredAt()));
        }
        if (event instanceof CommuneAdded e) {
            return List.of(new CommuneListed(e.branch(), e.commune(), e.name(), e.kind(), e.since()));
        }
        if (event instanceof PlanAssigned e) {
            return List.of(new PlanSet(e.branch(), e.period(), e.revision(), e.cashlessAmountRatio(),
                    e.cashlessPaymentRatio(), e.zaloRegistrations(), e.communeCoverage(),
                    e.cashlessKinds().isEmpty() ? EnumSet.noneOf(ChannelKind.class)
                            : EnumSet.copyOf(e.cashlessKinds())));
        }
        return List.of();
    }

    /** The local month an instant falls in. */
    public static YearMonth localMonth(Instant instant) {
        return YearMonth.from(instant.atZone(Zones.VIETNAM));
    }
}
