package vn.evn.cashless.domain.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.organisation.UnitKind;

/**
 * One change to the state every figure is read from, as {@link FigureFold} derives it from an event. The live read
 * model stores these changes in its tables; an as-of evaluation applies them in memory ({@link FoldedFigures}).
 * Either way the same changes come from the same events.
 */
public sealed interface FigureChange {

    String branch();

    /** A commune or town of the branch, counting for coverage from {@code since} (null: always). */
    record CommuneListed(String branch, String commune, String name, UnitKind kind, LocalDate since)
            implements FigureChange {
    }

    /** A customer of a commune, from {@code registeredAt} (business time). */
    record CustomerListed(String branch, String commune, String customer, Instant registeredAt)
            implements FigureChange {
    }

    /**
     * A registration interval opened: for a payment channel {@code channel} is its kind and {@code provider} the
     * provider; for a notification channel {@code channel} is ZALO, SMS, APP or EMAIL and {@code provider} is empty.
     */
    record RegistrationOpened(String branch, String commune, String customer, Registration registration,
                              Instant registeredAt) implements FigureChange {
    }

    /** The registration interval that began at {@code registeredAt} ended at {@code unregisteredAt}. */
    record RegistrationClosed(String branch, String customer, Registration registration, Instant registeredAt,
                              Instant unregisteredAt) implements FigureChange {
    }

    /**
     * A payment counted in the local month it was paid in ({@code sign} 1), or a reversed one taken out again
     * ({@code sign} -1).
     */
    record PaymentCounted(String branch, String commune, String customer, YearMonth month, ChannelKind kind,
                          String provider, int sign, long amount) implements FigureChange {
    }

    /** The revision of a plan now in force for a branch and period. */
    record PlanSet(String branch, String period, int revision, BigDecimal cashlessAmountRatio,
                   BigDecimal cashlessPaymentRatio, Long zaloRegistrations, BigDecimal communeCoverage,
                   Set<ChannelKind> cashlessKinds) implements FigureChange {
    }

    /** What a customer registered for: a payment channel (kind and provider) or a notification channel. */
    record Registration(Type type, String channel, String provider) {

        public enum Type { PAYMENT, NOTIFICATION }

        public static Registration payment(ChannelKind kind, String provider) {
            return new Registration(Type.PAYMENT, kind.name(), provider);
        }

        public static Registration notification(String channel) {
            return new Registration(Type.NOTIFICATION, channel, "");
        }
    }
}
