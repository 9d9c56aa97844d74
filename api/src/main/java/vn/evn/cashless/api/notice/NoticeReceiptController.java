package vn.evn.cashless.api.notice;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.RequestContexts;
import vn.evn.cashless.application.notice.NoticeSteps;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.notice.NoticeId;
import vn.evn.cashless.domain.notice.NoticeStep;
import vn.evn.cashless.domain.notice.RecordNoticeReceipt;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * Delivery receipts from a gateway (role GATEWAY): a message it took has arrived, or never will. Sent again, a
 * receipt is answered as before and recorded once, like a payment notification.
 */
@RestController
public class NoticeReceiptController {

    /** {@code status}: DELIVERED or FAILED; {@code reason} says why it failed; {@code at} when (default now). */
    public record Receipt(String notice, String channel, String status, String reason, String at) {
    }

    /**
     * @param noticeStatus where the notice stands now: SENDING (another channel or try is due), AWAITING_RECEIPT,
     *                     DELIVERED or UNDELIVERABLE
     * @param duplicate    the receipt was recorded before
     */
    public record ReceiptResponse(String notice, NotificationChannel channel, String status, String noticeStatus,
                                  boolean duplicate) {
    }

    private final NoticeSteps steps;
    private final Inputs inputs;

    public NoticeReceiptController(NoticeSteps steps, Inputs inputs) {
        this.steps = steps;
        this.inputs = inputs;
    }

    /** 201 for a receipt recorded now; 200 for one recorded before. */
    @PostMapping("/api/notices/receipts")
    public ResponseEntity<ReceiptResponse> receipt(@RequestBody Receipt body, HttpServletRequest request) {
        NoticeId notice = Inputs.value("notice", body.notice(), NoticeId::parse);
        NotificationChannel channel = Inputs.enumValue("channel", body.channel(), NotificationChannel.class);
        if (channel == NotificationChannel.EMAIL) {
            throw new InvalidValueException("channel", "must be ZALO, APP or SMS: no notice goes by e-mail");
        }
        String status = Inputs.value("status", body.status(), value -> {
            if (!value.equals("DELIVERED") && !value.equals("FAILED")) {
                throw new InvalidValueException("status", "must be DELIVERED or FAILED");
            }
            return value;
        });
        boolean delivered = status.equals("DELIVERED");
        String reason = body.reason();
        if (reason != null && reason.length() > 500) {
            throw new InvalidValueException("reason", "must be at most 500 characters");
        }
        NoticeStep step = steps.receipt(new RecordNoticeReceipt(notice, channel, delivered, reason,
                inputs.businessTime("at", body.at())), RequestContexts.of(request));
        ReceiptResponse response = new ReceiptResponse(notice.toString(), channel, status,
                switch (step.stage()) {
                    case SEND -> "SENDING";
                    case AWAIT_RECEIPT -> "AWAITING_RECEIPT";
                    case DELIVERED -> "DELIVERED";
                    case UNDELIVERABLE -> "UNDELIVERABLE";
                }, !step.changed());
        return ResponseEntity.status(step.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(response);
    }
}
