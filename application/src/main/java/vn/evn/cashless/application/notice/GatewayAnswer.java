package vn.evn.cashless.application.notice;

import vn.evn.cashless.domain.notice.AttemptResult;

/** What a gateway said to one message; {@code reason} says why it failed. */
public record GatewayAnswer(AttemptResult result, String reason) {

    public static GatewayAnswer delivered() {
        return new GatewayAnswer(AttemptResult.DELIVERED, null);
    }

    public static GatewayAnswer accepted() {
        return new GatewayAnswer(AttemptResult.ACCEPTED, null);
    }

    public static GatewayAnswer temporaryFailure(String reason) {
        return new GatewayAnswer(AttemptResult.FAILED_TEMPORARY, reason);
    }

    public static GatewayAnswer permanentFailure(String reason) {
        return new GatewayAnswer(AttemptResult.FAILED_PERMANENT, reason);
    }
}
