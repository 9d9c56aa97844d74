package vn.evn.cashless.domain.notice;

import vn.evn.cashless.domain.channel.NotificationChannel;

/**
 * Where a notice stands after a command, for whoever sends its messages: what to do next and, when the notice has
 * just ended, what it said about the customer's phone.
 *
 * @param channel  the channel to try next ({@link Stage#SEND}) or waited on ({@link Stage#AWAIT_RECEIPT}); else the
 *                 last one tried, or null for a notice without channels
 * @param attempt  the try on that channel, counted from 1
 * @param changed  whether the command recorded anything: false for an answer recorded before
 * @param phone    the phone number the notice was for, if any
 */
public record NoticeStep(String notice, String customer, Stage stage, NotificationChannel channel, int attempt,
                         boolean changed, PhoneVerdict verdict, String phone) {

    /** What is left to do for a notice. */
    public enum Stage {
        SEND, AWAIT_RECEIPT, DELIVERED, UNDELIVERABLE;

        public boolean ended() {
            return this == DELIVERED || this == UNDELIVERABLE;
        }
    }

    /** What an ended notice says about the phone: it reached it, every channel to it failed, or neither. */
    public enum PhoneVerdict { REACHED, NOT_REACHED, NONE }

    /** A gateway's reason as the history keeps it: one line of at most 200 characters. */
    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason given";
        }
        String line = reason.strip().replaceAll("\\p{Cntrl}+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200);
    }
}
