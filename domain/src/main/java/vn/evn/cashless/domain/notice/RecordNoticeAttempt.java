package vn.evn.cashless.domain.notice;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Require;

/**
 * What the gateway answered to one try. {@code channel} and {@code attempt} name the try, so an answer recorded
 * again (a node that died after asking the gateway, and the node that asked again) changes nothing the second
 * time. {@code maxAttempts} is how many tries a channel gets for temporary failures before the next is tried.
 */
public record RecordNoticeAttempt(@TargetAggregateIdentifier NoticeId notice, NotificationChannel channel,
                                  int attempt, AttemptResult result, String reason, Instant at, int maxAttempts) {

    public RecordNoticeAttempt {
        Require.present("notice", notice);
        Require.present("channel", channel);
        Require.present("result", result);
        Require.present("at", at);
        if (attempt < 1 || maxAttempts < 1) {
            throw new InvalidValueException("attempt", "attempts are counted from 1");
        }
        if (result == AttemptResult.FAILED_TEMPORARY || result == AttemptResult.FAILED_PERMANENT) {
            reason = NoticeStep.reason(reason);
        }
    }
}
