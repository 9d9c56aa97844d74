package vn.evn.cashless.domain.notice;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.Require;

/** A gateway's later word on a message it took: it arrived, or it never will (the next channel is then tried). */
public record RecordNoticeReceipt(@TargetAggregateIdentifier NoticeId notice, NotificationChannel channel,
                                  boolean delivered, String reason, Instant at) {

    public RecordNoticeReceipt {
        Require.present("notice", notice);
        Require.present("channel", channel);
        Require.present("at", at);
        if (!delivered) {
            reason = NoticeStep.reason(reason);
        }
    }
}
