package vn.evn.cashless.api.support;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What clients sending payment notifications, some of them again, make of the ledger's answers: a new notification
 * must be answered {@code 201} with its payment's id, a resent one {@code 200} with the same id.
 */
public class NotificationAnswers<N extends NotificationAnswers.Sent> {

    /** A payment notification as a channel sends it; the same notification may be sent again. */
    public interface Sent {

        Map<String, Object> body();

        /** The id the ledger gives this notification's payment: it follows from provider and reference. */
        String paymentId();
    }

    /** New notifications answered as they must be, with their payment's id. */
    public final Map<N, String> acknowledged = new ConcurrentHashMap<>();
    /** New notifications that got no answer: the connection was refused, or cut off in flight. */
    public final Set<N> unanswered = ConcurrentHashMap.newKeySet();
    /** Every answer other than the one a notification must get. */
    public final List<String> unexpected = new CopyOnWriteArrayList<>();
    public final AtomicInteger resendsRecognised = new AtomicInteger();

    /**
     * Posts the notification and files the answer; a new one acknowledged joins {@code mine}, for resending. Returns
     * why no answer came (its node down, or killed in flight), or {@code null}.
     */
    protected UncheckedIOException post(Http http, N notification, boolean resend, List<N> mine) {
        Http.Response answer;
        try {
            answer = http.post("/api/payments", notification.body());
        } catch (UncheckedIOException e) {
            if (!resend) {
                unanswered.add(notification);
            }
            return e;
        }
        String id = answer.json() == null || answer.json().get("id") == null ? null
                : answer.json().get("id").asString();
        if (answer.status() == (resend ? 200 : 201) && notification.paymentId().equals(id)) {
            if (resend) {
                resendsRecognised.incrementAndGet();
            } else {
                acknowledged.put(notification, id);
                mine.add(notification);
            }
        } else {
            unexpected.add(notification + (resend ? " resent: " : ": ") + answer);
        }
        return null;
    }
}
