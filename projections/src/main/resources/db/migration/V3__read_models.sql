-- Read models. Small tables, indexed for the queries the HTTP API asks; every one is rebuilt from the events by
-- resetting its processing group. Times are instants (timestamptz); months are the local (Asia/Ho_Chi_Minh)
-- month a payment falls in, as the first day of that month.

CREATE TABLE rm_branch (
    code    VARCHAR(10) PRIMARY KEY,
    name    TEXT        NOT NULL,
    company TEXT        NOT NULL
);

CREATE TABLE rm_commune (
    code   CHAR(5)     PRIMARY KEY,
    branch VARCHAR(10) NOT NULL,
    name   TEXT        NOT NULL,
    kind   VARCHAR(10) NOT NULL
);
CREATE INDEX rm_commune_branch ON rm_commune (branch);

CREATE TABLE rm_customer (
    code          CHAR(13)    PRIMARY KEY,
    name          TEXT        NOT NULL,
    branch        VARCHAR(10) NOT NULL,
    commune       CHAR(5)     NOT NULL,
    phone         VARCHAR(16),
    registered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX rm_customer_branch ON rm_customer (branch, commune, registered_at);

-- One row per registration interval; unregistered_at stays NULL while the registration is active.
CREATE TABLE rm_payment_channel (
    customer        CHAR(13)    NOT NULL,
    provider        VARCHAR(64) NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    branch          VARCHAR(10) NOT NULL,
    commune         CHAR(5)     NOT NULL,
    unregistered_at TIMESTAMPTZ,
    PRIMARY KEY (customer, provider, registered_at)
);
CREATE INDEX rm_payment_channel_branch ON rm_payment_channel (branch, kind, registered_at);

CREATE TABLE rm_notification_channel (
    customer        CHAR(13)    NOT NULL,
    channel         VARCHAR(8)  NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL,
    branch          VARCHAR(10) NOT NULL,
    commune         CHAR(5)     NOT NULL,
    unregistered_at TIMESTAMPTZ,
    PRIMARY KEY (customer, channel, registered_at)
);
CREATE INDEX rm_notification_channel_branch ON rm_notification_channel (branch, channel, registered_at);

CREATE TABLE rm_payment (
    payment_id      UUID         PRIMARY KEY,
    bill_id         VARCHAR(32)  NOT NULL,
    customer        CHAR(13)     NOT NULL,
    branch          VARCHAR(10)  NOT NULL,
    commune         CHAR(5)      NOT NULL,
    period          CHAR(7)      NOT NULL,
    amount          BIGINT       NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    provider        VARCHAR(64)  NOT NULL,
    external_ref    VARCHAR(128) NOT NULL,
    paid_at         TIMESTAMPTZ  NOT NULL,
    reversed_at     TIMESTAMPTZ,
    reversal_reason TEXT
);
CREATE INDEX rm_payment_customer ON rm_payment (customer, paid_at);

-- Non-reversed payments summed per local month, commune and channel: what every ratio is computed from.
CREATE TABLE rm_payment_month (
    branch   VARCHAR(10) NOT NULL,
    month    DATE        NOT NULL,
    commune  CHAR(5)     NOT NULL,
    kind     VARCHAR(16) NOT NULL,
    provider VARCHAR(64) NOT NULL,
    payments BIGINT      NOT NULL,
    amount   BIGINT      NOT NULL,
    PRIMARY KEY (branch, month, commune, kind, provider)
);

-- Non-reversed payments per customer, local month and kind: for counting distinct cashless customers.
CREATE TABLE rm_customer_month (
    branch   VARCHAR(10) NOT NULL,
    month    DATE        NOT NULL,
    kind     VARCHAR(16) NOT NULL,
    customer CHAR(13)    NOT NULL,
    commune  CHAR(5)     NOT NULL,
    payments INTEGER     NOT NULL,
    PRIMARY KEY (branch, month, kind, customer)
);

CREATE TABLE rm_plan (
    branch                 VARCHAR(10) NOT NULL,
    period                 VARCHAR(7)  NOT NULL,
    revision               INTEGER     NOT NULL,
    cashless_amount_ratio  NUMERIC,
    cashless_payment_ratio NUMERIC,
    zalo_registrations     BIGINT,
    commune_coverage       NUMERIC,
    cashless_kinds         TEXT        NOT NULL,
    assigned_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (branch, period)
);
