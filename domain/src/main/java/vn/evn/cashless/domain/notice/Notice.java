package vn.evn.cashless.domain.notice;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.notice.NoticeStep.PhoneVerdict;
import vn.evn.cashless.domain.notice.NoticeStep.Stage;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/**
 * Thông báo tiền điện: one message a customer is owed about a bill, and how it was tried channel by channel. The
 * notice decides what comes next after each answer (try again, fall back, done), and recognises an answer it already
 * has, so a message asked for twice is still told once in the history.
 */
@AggregateRoot
public class Notice {

    /** What became of the message on one channel. */
    private enum Outcome { SENT, DELIVERED, FAILED }

    @AggregateIdentifier
    private String id;
    private String bill;
    private NoticeKind kind;
    private String customer;
    private String branch;
    private String commune;
    private String period;
    private String phone;
    private List<NotificationChannel> channels;
    private int current;
    private int attempt;
    private Stage stage;
    private final Map<NotificationChannel, Outcome> outcomes = new EnumMap<>(NotificationChannel.class);

    protected Notice() {
    }

    /** Events applied in a constructor reach the handlers only once it returns: all here comes from the command. */
    @CommandHandler
    public Notice(QueueNotice command) {
        NoticeId notice = command.notice();
        String customerCode = notice.bill().customer().value();
        String phoneNumber = command.phone() == null ? null : command.phone().value();
        long amount = command.amount().value();
        NoticeQueued queued = new NoticeQueued(notice.toString(), notice.bill().toString(), notice.kind(),
                customerCode, command.branch().value(), command.commune().value(), notice.bill().period().toString(),
                amount, command.dueDate(), command.channels(), phoneNumber,
                NoticeText.of(notice.kind(), customerCode, notice.bill().period(), amount, command.dueDate()),
                command.queuedAt());
        apply(queued);
        if (command.channels().isEmpty()) {
            apply(new NoticeUndeliverable(queued.notice(), queued.bill(), queued.kind(), queued.customer(),
                    queued.branch(), queued.commune(), queued.period(),
                    "no channel: no phone number and no ZALO or APP registration", phoneNumber, false,
                    command.queuedAt()));
        }
    }

    /** Returns what to do next; an answer to a try that is not the current one changes nothing. */
    @CommandHandler
    public NoticeStep handle(RecordNoticeAttempt command) {
        if (stage != Stage.SEND || command.channel() != channel() || command.attempt() != attempt) {
            return step(false);
        }
        NotificationChannel channel = command.channel();
        switch (command.result()) {
            case DELIVERED -> {
                apply(sent(channel, command.at()));
                apply(new NoticeDelivered(id, bill, kind, customer, branch, commune, period, channel, command.at()));
            }
            case ACCEPTED -> apply(sent(channel, command.at()));
            case FAILED_TEMPORARY -> {
                apply(failed(channel, command.reason(), false, command.at()));
                if (attempt > command.maxAttempts()) {
                    fallBack(command.at());
                }
            }
            case FAILED_PERMANENT -> {
                apply(failed(channel, command.reason(), true, command.at()));
                fallBack(command.at());
            }
        }
        return step(true);
    }

    /**
     * A receipt for a message sent: the same receipt again changes nothing; one that contradicts what is recorded,
     * or names a channel no message went by and none is being tried on, is refused.
     */
    @CommandHandler
    public NoticeStep handle(RecordNoticeReceipt command) {
        NotificationChannel channel = command.channel();
        Outcome outcome = outcomes.get(channel);
        Outcome said = command.delivered() ? Outcome.DELIVERED : Outcome.FAILED;
        if (outcome == null && stage == Stage.SEND && channel == channel()) {
            // the gateway took the message though its answer has not been recorded yet (a receipt faster than the
            // answer, or an answer lost to a timeout): the receipt is the proof that it was sent
            apply(sent(channel, command.at()));
            outcome = Outcome.SENT;
        }
        if (outcome == null) {
            throw new DomainException(ErrorCode.NOTICE_RECEIPT_CONFLICT, "channel",
                    "notice " + id + " sent no message by " + channel);
        }
        if (outcome == said) {
            return step(false);
        }
        if (outcome != Outcome.SENT) {
            throw new DomainException(ErrorCode.NOTICE_RECEIPT_CONFLICT, "status",
                    "notice " + id + " is already recorded as " + outcome + " by " + channel);
        }
        if (command.delivered()) {
            apply(new NoticeDelivered(id, bill, kind, customer, branch, commune, period, channel, command.at()));
        } else {
            apply(failed(channel, command.reason(), true, command.at()));
            fallBack(command.at());
        }
        return step(true);
    }

    private void fallBack(Instant at) {
        NotificationChannel from = channel();
        if (current + 1 < channels.size()) {
            apply(new NoticeFellBack(id, bill, kind, customer, branch, commune, period, from, channels.get(current + 1),
                    at));
            return;
        }
        boolean phoneFailed = channels.stream().anyMatch(NoticeChannels::toPhone);
        apply(new NoticeUndeliverable(id, bill, kind, customer, branch, commune, period,
                "every channel failed: " + channels, phone, phoneFailed, at));
    }

    private NoticeSent sent(NotificationChannel channel, Instant at) {
        String to = NoticeChannels.toPhone(channel) ? phone : customer;
        return new NoticeSent(id, bill, kind, customer, branch, commune, period, channel, to, attempt, at);
    }

    private NoticeFailed failed(NotificationChannel channel, String reason, boolean permanent, Instant at) {
        return new NoticeFailed(id, bill, kind, customer, branch, commune, period, channel, attempt, reason,
                permanent, at);
    }

    private NotificationChannel channel() {
        return channels.isEmpty() ? null : channels.get(current);
    }

    private NoticeStep step(boolean changed) {
        PhoneVerdict verdict = PhoneVerdict.NONE;
        if (stage == Stage.DELIVERED && NoticeChannels.toPhone(channel())) {
            verdict = PhoneVerdict.REACHED;
        } else if (stage == Stage.UNDELIVERABLE && channels.stream().anyMatch(NoticeChannels::toPhone)) {
            verdict = PhoneVerdict.NOT_REACHED;
        }
        return new NoticeStep(id, customer, stage, channel(), attempt, changed, verdict, phone);
    }

    @EventSourcingHandler
    void on(NoticeQueued event) {
        id = event.notice();
        bill = event.bill();
        kind = event.kind();
        customer = event.customer();
        branch = event.branch();
        commune = event.commune();
        period = event.period();
        phone = event.phone();
        channels = List.copyOf(event.channels());
        current = 0;
        attempt = 1;
        stage = Stage.SEND;
    }

    @EventSourcingHandler
    void on(NoticeSent event) {
        outcomes.put(event.channel(), Outcome.SENT);
        stage = Stage.AWAIT_RECEIPT;
    }

    @EventSourcingHandler
    void on(NoticeDelivered event) {
        outcomes.put(event.channel(), Outcome.DELIVERED);
        stage = Stage.DELIVERED;
    }

    @EventSourcingHandler
    void on(NoticeFailed event) {
        if (event.permanent()) {
            outcomes.put(event.channel(), Outcome.FAILED);
        } else {
            attempt++;
        }
    }

    @EventSourcingHandler
    void on(NoticeFellBack event) {
        outcomes.put(event.fromChannel(), Outcome.FAILED);
        current = channels.indexOf(event.toChannel());
        attempt = 1;
        stage = Stage.SEND;
    }

    @EventSourcingHandler
    void on(NoticeUndeliverable event) {
        stage = Stage.UNDELIVERABLE;
    }
}
