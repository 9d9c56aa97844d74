package vn.evn.cashless.application.notice;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.messaging.CommandBatch;
import vn.evn.cashless.application.messaging.CommandSender;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.customer.RecordPhoneNotReached;
import vn.evn.cashless.domain.customer.RecordPhoneReached;
import vn.evn.cashless.domain.notice.NoticeStep;
import vn.evn.cashless.domain.notice.RecordNoticeReceipt;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/**
 * Records what happened to a notice and, in the same transaction, what is left to send: the events and the
 * {@code notice_dispatch} row never disagree, whatever crashes. The row always follows the notice's own answer, never
 * the caller's idea of it, so a node that lost its claim to another and records late changes nothing wrong.
 */
@Component
public class NoticeSteps {

    private final JdbcTemplate jdbc;
    private final CommandSender commands;
    private final CommandBatch batches;
    private final NoticeProperties properties;

    public NoticeSteps(JdbcTemplate jdbc, CommandSender commands, CommandBatch batches, NoticeProperties properties) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.batches = batches;
        this.properties = properties;
    }

    /**
     * Applies a step inside a running transaction: the row moves on (or goes, once the notice ended), and a notice
     * that just ended tells the customer's phone what it found. {@code leaseOwner} is the node that claimed the row,
     * or null for a receipt, which comes for a row nobody holds.
     */
    void follow(NoticeStep step, String leaseOwner, Instant now, RequestContext context) {
        String owner = leaseOwner == null ? "" : leaseOwner;
        if (step.stage().ended()) {
            jdbc.update("DELETE FROM notice_dispatch WHERE notice = ? AND (? = '' OR lease_owner = ?)",
                    step.notice(), owner, owner);
        } else {
            Instant notBefore = step.attempt() <= 1 ? now : now.plus(backOff(step.attempt()));
            jdbc.update("""
                    UPDATE notice_dispatch SET stage = ?, channel = ?, attempt = ?, not_before = ?,
                        lease_owner = NULL, lease_until = NULL
                    WHERE notice = ? AND (? = '' OR lease_owner = ?)""", step.stage().name(),
                    step.channel().name(), step.attempt(), Timestamp.from(notBefore), step.notice(), owner, owner);
        }
        if (step.changed() && step.stage().ended()) {
            CustomerCode customer = CustomerCode.of(step.customer());
            switch (step.verdict()) {
                case REACHED -> commands.send(new RecordPhoneReached(customer, step.notice(), step.phone(), now),
                        context);
                case NOT_REACHED -> commands.send(
                        new RecordPhoneNotReached(customer, step.notice(), step.phone(), now), context);
                case NONE -> {
                    // nothing learnt about the phone
                }
            }
        }
    }

    /** The pause before try {@code attempt} on a channel: back-off, doubled for each earlier temporary failure. */
    Duration backOff(int attempt) {
        return properties.backOff().multipliedBy(1L << Math.min(attempt - 2, 10));
    }

    /** A gateway's receipt, recorded with its consequence (the next channel, or the end of the notice). */
    public NoticeStep receipt(RecordNoticeReceipt receipt, RequestContext context) {
        return commands.retryingConflicts(() -> batches.inOneTransaction("receipt " + receipt.notice(), context,
                () -> {
                    NoticeStep step = commands.update(receipt, context, new DomainException(
                            ErrorCode.NOTICE_NOT_FOUND, "notice", "no notice " + receipt.notice()));
                    follow(step, null, Instant.now(), context);
                    return step;
                }));
    }
}
