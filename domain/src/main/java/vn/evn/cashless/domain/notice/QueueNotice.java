package vn.evn.cashless.domain.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.PhoneNumber;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.shared.Require;

/**
 * Queues the notice of a bill. The caller knows the customer's channels (see {@link NoticeChannels}); an empty list
 * queues a notice that reaches no one, so the history still says why the customer was not told.
 */
public record QueueNotice(@TargetAggregateIdentifier NoticeId notice, BranchCode branch, CommuneCode commune,
                          Vnd amount, LocalDate dueDate, List<NotificationChannel> channels, PhoneNumber phone,
                          Instant queuedAt) {

    public QueueNotice {
        Require.present("notice", notice);
        Require.present("branch", branch);
        Require.present("commune", commune);
        Require.present("amount", amount);
        Require.present("dueDate", dueDate);
        Require.present("queuedAt", queuedAt);
        channels = NoticeChannels.checked(channels, phone);
    }
}
