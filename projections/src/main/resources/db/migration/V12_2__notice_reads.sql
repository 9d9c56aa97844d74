-- Bill notices as staff read them (docs/notices.md, "Reads"), kept by the "notices" read model, and the phone status
-- of a customer, kept by the "customers" one.

-- One row per notice and channel tried. A notice queued with no channel at all has one row whose channel is 'NONE'
-- (reported as null). notice_queued_at is when the notice itself was queued, the same on every row of a notice, so a
-- customer's notices are listed newest first from one index; seq orders the channels of a notice as they were tried.
CREATE TABLE rm_notice (
    notice           VARCHAR(40) NOT NULL,
    channel          VARCHAR(8)  NOT NULL,
    seq              SMALLINT    NOT NULL,
    bill             VARCHAR(32) NOT NULL,
    customer         CHAR(13)    NOT NULL,
    branch           VARCHAR(10) NOT NULL,
    commune          CHAR(5)     NOT NULL,
    kind             VARCHAR(10) NOT NULL,
    period           CHAR(7)     NOT NULL,
    status           VARCHAR(10) NOT NULL,
    attempts         INTEGER     NOT NULL,
    reason           TEXT,
    notice_queued_at TIMESTAMPTZ NOT NULL,
    queued_at        TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    PRIMARY KEY (notice, channel)
);
CREATE INDEX rm_notice_customer ON rm_notice (customer, notice_queued_at DESC, notice DESC, seq);

-- Messages per branch, bill month and channel. failed counts every failed try (a temporary failure retried on the
-- same channel counts each time); fallen_back counts on the channel fallen back from.
CREATE TABLE rm_notice_channel_month (
    branch      VARCHAR(10) NOT NULL,
    period      CHAR(7)     NOT NULL,
    channel     VARCHAR(8)  NOT NULL,
    sent        BIGINT      NOT NULL,
    delivered   BIGINT      NOT NULL,
    failed      BIGINT      NOT NULL,
    fallen_back BIGINT      NOT NULL,
    PRIMARY KEY (branch, period, channel)
);

-- Per branch, bill month and customer: a notice was due (queued), one reached the customer, one reached them by ZALO
-- or APP.
CREATE TABLE rm_notice_customer_month (
    branch              VARCHAR(10) NOT NULL,
    period              CHAR(7)     NOT NULL,
    customer            CHAR(13)    NOT NULL,
    reached             BOOLEAN     NOT NULL,
    reached_zalo_or_app BOOLEAN     NOT NULL,
    PRIMARY KEY (branch, period, customer)
);

-- A phone marked unreachable (PhoneMarkedUnreachable) until it answers again or is changed; the list staff call is
-- read, oldest first, from the partial index.
ALTER TABLE rm_customer ADD COLUMN phone_status VARCHAR(12) NOT NULL DEFAULT 'OK';
ALTER TABLE rm_customer ADD COLUMN phone_unreachable_since TIMESTAMPTZ;
CREATE INDEX rm_customer_unreachable ON rm_customer (branch, phone_unreachable_since, code)
    WHERE phone_status = 'UNREACHABLE';
