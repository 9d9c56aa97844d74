package vn.evn.cashless.domain.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.PhoneNumber;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * The order a notice tries channels in, cheapest first: Zalo and the customer-care app only for a customer registered
 * for them, then SMS to any customer with a phone. Zalo messages go to a phone number, so Zalo needs one too.
 */
public final class NoticeChannels {

    private static final List<NotificationChannel> ORDER =
            List.of(NotificationChannel.ZALO, NotificationChannel.APP, NotificationChannel.SMS);

    private NoticeChannels() {
    }

    public static List<NotificationChannel> forCustomer(Set<NotificationChannel> registered, PhoneNumber phone) {
        List<NotificationChannel> channels = new ArrayList<>();
        if (registered.contains(NotificationChannel.ZALO) && phone != null) {
            channels.add(NotificationChannel.ZALO);
        }
        if (registered.contains(NotificationChannel.APP)) {
            channels.add(NotificationChannel.APP);
        }
        if (phone != null) {
            channels.add(NotificationChannel.SMS);
        }
        return List.copyOf(channels);
    }

    /** A channel that goes to the phone: a failure there says something about the number. */
    public static boolean toPhone(NotificationChannel channel) {
        return channel == NotificationChannel.ZALO || channel == NotificationChannel.SMS;
    }

    static List<NotificationChannel> checked(List<NotificationChannel> channels, PhoneNumber phone) {
        if (channels == null) {
            throw new InvalidValueException("channels", "must be given, possibly empty");
        }
        int last = -1;
        for (NotificationChannel channel : channels) {
            int position = ORDER.indexOf(channel);
            if (position <= last) {
                throw new InvalidValueException("channels", "must be distinct, in the order ZALO, APP, SMS");
            }
            if (toPhone(channel) && phone == null) {
                throw new InvalidValueException("channels", channel + " needs a phone number");
            }
            last = position;
        }
        return List.copyOf(channels);
    }
}
