package vn.evn.cashless.application.notice;

import vn.evn.cashless.domain.channel.NotificationChannel;

/**
 * Cổng gửi tin: the port through which messages of one channel leave the ledger. An implementation never throws for
 * what the gateway or the network did: a timeout, a refused connection or a 5xx is a temporary failure, an answer
 * that the message can never go is a permanent one.
 */
public interface NoticeGateway {

    /** The channels this gateway sends. */
    boolean sends(NotificationChannel channel);

    GatewayAnswer send(GatewayMessage message);
}
