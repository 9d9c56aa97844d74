-- The state every figure is read from (coverage, plan progress, channels), as the one fold in the domain
-- (FigureFold) derives it event by event. One processing group ("figures") writes all of it, so the tables always
-- stand at one position of the history together: a payment is never counted while its commune is still unknown.
-- They replace the monthly sums and plans the payments and plans read models kept before.
DROP TABLE rm_payment_month;
DROP TABLE rm_customer_month;
DROP TABLE rm_plan;

CREATE TABLE fig_commune (
    branch  VARCHAR(10) NOT NULL,
    commune CHAR(5)     NOT NULL,
    name    TEXT        NOT NULL,
    kind    VARCHAR(10) NOT NULL,
    since   DATE,
    PRIMARY KEY (branch, commune)
);

CREATE TABLE fig_customer (
    branch        VARCHAR(10) NOT NULL,
    customer      CHAR(13)    NOT NULL,
    commune       CHAR(5)     NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (branch, customer)
);

-- One row per registration interval (payment channel: channel = kind; notification channel: provider = '').
CREATE TABLE fig_registration (
    customer        CHAR(13)    NOT NULL,
    type            VARCHAR(16) NOT NULL,
    channel         VARCHAR(16) NOT NULL,
    provider        VARCHAR(64) NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL,
    branch          VARCHAR(10) NOT NULL,
    commune         CHAR(5)     NOT NULL,
    unregistered_at TIMESTAMPTZ,
    PRIMARY KEY (customer, type, channel, provider, registered_at)
);
CREATE INDEX fig_registration_branch ON fig_registration (branch, type, channel);

-- Counted (non-reversed) payments per local month, commune, kind and provider.
CREATE TABLE fig_month (
    branch   VARCHAR(10) NOT NULL,
    month    DATE        NOT NULL,
    commune  CHAR(5)     NOT NULL,
    kind     VARCHAR(16) NOT NULL,
    provider VARCHAR(64) NOT NULL,
    payments BIGINT      NOT NULL,
    amount   BIGINT      NOT NULL,
    PRIMARY KEY (branch, month, commune, kind, provider)
);

-- Counted payments per customer, local month and kind, for distinct paying customers. Cash kinds are left out:
-- no plan can count them as cashless.
CREATE TABLE fig_customer_month (
    branch   VARCHAR(10) NOT NULL,
    month    DATE        NOT NULL,
    kind     VARCHAR(16) NOT NULL,
    customer CHAR(13)    NOT NULL,
    commune  CHAR(5)     NOT NULL,
    payments INTEGER     NOT NULL,
    PRIMARY KEY (branch, month, kind, customer)
);

CREATE TABLE fig_plan (
    branch                 VARCHAR(10) NOT NULL,
    period                 VARCHAR(7)  NOT NULL,
    revision               INTEGER     NOT NULL,
    cashless_amount_ratio  NUMERIC,
    cashless_payment_ratio NUMERIC,
    zalo_registrations     BIGINT,
    commune_coverage       NUMERIC,
    cashless_kinds         TEXT        NOT NULL,
    PRIMARY KEY (branch, period)
);
