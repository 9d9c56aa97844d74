-- Bill notices (docs/notices.md). Kept by the notice-outbox processor from the events, in the same transaction as
-- its token, and worked off by the dispatchers of every node.

-- What a notice needs to know of a customer when it is queued: the phone and the channels registered for.
CREATE TABLE notice_contact (
    customer VARCHAR(13) PRIMARY KEY,
    branch   VARCHAR(10) NOT NULL,
    commune  VARCHAR(10) NOT NULL,
    phone    VARCHAR(16),
    zalo     BOOLEAN     NOT NULL DEFAULT false,
    app      BOOLEAN     NOT NULL DEFAULT false
);

-- Bills notified when issued, until their reminder is queued or skipped.
CREATE TABLE notice_bill (
    bill        VARCHAR(21) PRIMARY KEY,
    customer    VARCHAR(13) NOT NULL,
    branch      VARCHAR(10) NOT NULL,
    commune     VARCHAR(10) NOT NULL,
    outstanding BIGINT      NOT NULL,
    due_date    DATE        NOT NULL,
    remind_on   DATE        NOT NULL
);
CREATE INDEX notice_bill_remind_on ON notice_bill (remind_on);

-- Notices not yet ended. stage: NEW (to be queued), SEND (the next try is on channel, attempt, from not_before),
-- AWAIT_RECEIPT (the gateway took it and will say whether it arrived). A node claims rows for lease; a row whose
-- lease ran out (its node died) is anyone's again. amount and due_date are what a NEW notice will tell; phone and
-- text are those it was queued with.
CREATE TABLE notice_dispatch (
    notice      VARCHAR(40) PRIMARY KEY,
    customer    VARCHAR(13) NOT NULL,
    branch      VARCHAR(10) NOT NULL,
    commune     VARCHAR(10) NOT NULL,
    amount      BIGINT      NOT NULL,
    due_date    DATE        NOT NULL,
    stage       VARCHAR(16) NOT NULL,
    phone       VARCHAR(16),
    text        TEXT,
    channel     VARCHAR(8),
    attempt     INTEGER     NOT NULL DEFAULT 1,
    not_before  TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_owner TEXT,
    lease_until TIMESTAMPTZ
);
CREATE INDEX notice_dispatch_due ON notice_dispatch (not_before) WHERE stage IN ('NEW', 'SEND');

-- The simulator gateway's outbox (ledger.notices.gateway=simulator): every message it was asked to send, once per
-- idempotency key, with how many times it was asked and the node that asked first.
CREATE TABLE notice_simulator_message (
    idempotency_key TEXT        PRIMARY KEY,
    notice          VARCHAR(40) NOT NULL,
    channel         VARCHAR(8)  NOT NULL,
    recipient       TEXT        NOT NULL,
    customer        VARCHAR(13) NOT NULL,
    text            TEXT        NOT NULL,
    answer          VARCHAR(20) NOT NULL,
    reason          TEXT,
    requests        INTEGER     NOT NULL DEFAULT 1,
    node            TEXT        NOT NULL,
    first_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    seq             BIGSERIAL
);
CREATE INDEX notice_simulator_message_seq ON notice_simulator_message (seq);
CREATE INDEX notice_simulator_message_customer ON notice_simulator_message (customer, seq);
