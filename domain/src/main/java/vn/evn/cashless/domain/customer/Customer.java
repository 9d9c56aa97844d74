package vn.evn.cashless.domain.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.Require;
import vn.evn.cashless.domain.shared.Zones;

/**
 * Khách hàng: a customer of a branch, living in one commune, with the payment and notification channels they are
 * registered for. The branch and commune ride along on every event so that read models never look them up.
 */
@AggregateRoot
public class Customer {

    /** Notices in a row that must miss the phone before it is marked unreachable. */
    private static final int UNREACHABLE_AFTER = 2;

    /** A registration in force; {@code provider} is its name as recorded. */
    private record ActiveChannel(ChannelKind kind, String provider, Instant registeredAt) {
    }

    @AggregateIdentifier
    private String code;
    private String branch;
    private String commune;
    private String phone;
    private Instant registeredAt;
    /** Notices in a row, since the phone last answered or changed, that reached no channel to it. */
    private final List<String> phoneMisses = new ArrayList<>();
    private boolean phoneUnreachable;
    private final Map<String, ActiveChannel> paymentChannels = new HashMap<>();
    private final Map<NotificationChannel, Instant> notificationChannels = new EnumMap<>(NotificationChannel.class);
    /**
     * When the last registration with each provider or for each channel ended: a new one may not overlap it.
     * Providers are keyed by {@link Provider#key()}: one provider however spelled.
     */
    private final Map<String, Instant> endedPaymentChannels = new HashMap<>();
    private final Map<NotificationChannel, Instant> endedNotificationChannels =
            new EnumMap<>(NotificationChannel.class);

    protected Customer() {
    }

    /** Branch and commune are checked against the organisation by the caller, which alone can look them up. */
    @CommandHandler
    public Customer(RegisterCustomer command) {
        apply(new CustomerRegistered(command.customer().value(), command.name(), command.branch().value(),
                command.commune().value(), command.phone() == null ? null : command.phone().value(),
                command.registeredAt()));
    }

    @CommandHandler
    public void handle(ChangePhone command) {
        Require.notBefore("changedAt", command.changedAt(), registeredAt, "the customer's registration");
        if (command.phone().value().equals(phone)) {
            return;
        }
        apply(new CustomerPhoneChanged(code, branch, commune, phone, command.phone().value(), command.changedAt()));
    }

    @CommandHandler
    public void handle(RegisterPaymentChannel command) {
        String provider = command.provider().value();
        if (paymentChannels.containsKey(command.provider().key())) {
            throw new DomainException(ErrorCode.PAYMENT_CHANNEL_ALREADY_REGISTERED, "provider",
                    "customer " + code + " is already registered with " + provider);
        }
        Require.notBefore("registeredAt", command.registeredAt(), registeredAt, "the customer's registration");
        afterEarlierRegistration(command.registeredAt(), endedPaymentChannels.get(command.provider().key()));
        apply(new PaymentChannelRegistered(code, branch, commune, command.kind(), provider, command.registeredAt()));
    }

    /** Returns the registration that ended. */
    @CommandHandler
    public PaymentChannelUnregistered handle(UnregisterPaymentChannel command) {
        ActiveChannel active = paymentChannels.get(command.provider().key());
        if (active == null) {
            throw new DomainException(ErrorCode.PAYMENT_CHANNEL_NOT_REGISTERED, "provider",
                    "customer " + code + " is not registered with " + command.provider());
        }
        Require.notBefore("at", command.unregisteredAt(), active.registeredAt(), "the registration");
        PaymentChannelUnregistered ended = new PaymentChannelUnregistered(code, branch, commune, active.kind(),
                active.provider(), active.registeredAt(), command.unregisteredAt());
        apply(ended);
        return ended;
    }

    @CommandHandler
    public void handle(RegisterNotificationChannel command) {
        if (notificationChannels.containsKey(command.channel())) {
            throw new DomainException(ErrorCode.NOTIFICATION_CHANNEL_ALREADY_REGISTERED, "channel",
                    "customer " + code + " is already registered for " + command.channel());
        }
        Require.notBefore("registeredAt", command.registeredAt(), registeredAt, "the customer's registration");
        afterEarlierRegistration(command.registeredAt(), endedNotificationChannels.get(command.channel()));
        apply(new NotificationChannelRegistered(code, branch, commune, command.channel(), command.registeredAt()));
    }

    /** Returns the registration that ended. */
    @CommandHandler
    public NotificationChannelUnregistered handle(UnregisterNotificationChannel command) {
        Instant since = notificationChannels.get(command.channel());
        if (since == null) {
            throw new DomainException(ErrorCode.NOTIFICATION_CHANNEL_NOT_REGISTERED, "channel",
                    "customer " + code + " is not registered for " + command.channel());
        }
        Require.notBefore("at", command.unregisteredAt(), since, "the registration");
        NotificationChannelUnregistered ended = new NotificationChannelUnregistered(code, branch, commune,
                command.channel(), since, command.unregisteredAt());
        apply(ended);
        return ended;
    }

    /**
     * Two notices in a row that reached no channel to the phone mark it unreachable. A notice counted already, or one
     * sent to a number the customer no longer has, changes nothing.
     */
    @CommandHandler
    public void handle(RecordPhoneNotReached command) {
        if (!command.phone().equals(phone) || phoneMisses.contains(command.notice())) {
            return;
        }
        apply(new PhoneNotReached(code, branch, commune, phone, command.notice(), command.at()));
        if (!phoneUnreachable && phoneMisses.size() >= UNREACHABLE_AFTER) {
            apply(new PhoneMarkedUnreachable(code, branch, commune, phone, List.copyOf(phoneMisses), command.at()));
        }
    }

    /** Only a phone with misses to forget, or marked unreachable, has anything to record. */
    @CommandHandler
    public void handle(RecordPhoneReached command) {
        if (!command.phone().equals(phone) || (phoneMisses.isEmpty() && !phoneUnreachable)) {
            return;
        }
        apply(new PhoneReached(code, branch, commune, phone, command.notice(), command.at()));
    }

    /** Registrations of one channel are intervals of business time that follow each other, never overlap. */
    private static void afterEarlierRegistration(Instant registeredAt, Instant earlierEnded) {
        if (earlierEnded != null && !registeredAt.isAfter(earlierEnded)) {
            throw new DomainException(ErrorCode.TIME_BEFORE_FACT, "registeredAt",
                    "must be after the end of the previous registration (" + Zones.local(earlierEnded) + ")");
        }
    }

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        code = event.customer();
        branch = event.branch();
        commune = event.commune();
        phone = event.phone();
        registeredAt = event.registeredAt();
    }

    @EventSourcingHandler
    void on(CustomerPhoneChanged event) {
        phone = event.phone();
        phoneMisses.clear();
        phoneUnreachable = false;
    }

    @EventSourcingHandler
    void on(PhoneNotReached event) {
        phoneMisses.add(event.notice());
    }

    @EventSourcingHandler
    void on(PhoneMarkedUnreachable event) {
        phoneUnreachable = true;
    }

    @EventSourcingHandler
    void on(PhoneReached event) {
        phoneMisses.clear();
        phoneUnreachable = false;
    }

    @EventSourcingHandler
    void on(PaymentChannelRegistered event) {
        paymentChannels.put(Provider.of(event.provider()).key(),
                new ActiveChannel(event.kind(), event.provider(), event.registeredAt()));
    }

    @EventSourcingHandler
    void on(PaymentChannelUnregistered event) {
        String provider = Provider.of(event.provider()).key();
        paymentChannels.remove(provider);
        endedPaymentChannels.put(provider, event.unregisteredAt());
    }

    @EventSourcingHandler
    void on(NotificationChannelRegistered event) {
        notificationChannels.put(event.channel(), event.registeredAt());
    }

    @EventSourcingHandler
    void on(NotificationChannelUnregistered event) {
        notificationChannels.remove(event.channel());
        endedNotificationChannels.put(event.channel(), event.unregisteredAt());
    }
}
