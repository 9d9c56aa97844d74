-- Đối soát: the daily files channels send, one payment per line, and what became of each line. An import is also an
-- admin_job (same id, kind 'reconciliation') for its state and progress; the lines of its report are committed in the
-- same transaction as the payments of their batch, so the report never claims more or less than was recorded.
CREATE TABLE reconciliation (
    id             UUID         PRIMARY KEY,
    content_sha256 CHAR(64)     NOT NULL,
    actor          VARCHAR(128) NOT NULL,
    -- the provider an importing PROVIDER account speaks for; NULL for staff
    provider       VARCHAR(64),
    bytes          BIGINT       NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    -- moved on with every committed batch: an import whose heartbeat stopped was interrupted by a stop of its node
    heartbeat_at   TIMESTAMPTZ  NOT NULL
);
-- the same file again from the same user is answered with the earlier import
CREATE INDEX reconciliation_by_content ON reconciliation (content_sha256, actor);

CREATE TABLE reconciliation_line (
    reconciliation_id UUID         NOT NULL REFERENCES reconciliation (id),
    line              INTEGER      NOT NULL,
    outcome           VARCHAR(16)  NOT NULL,
    payment_id        UUID,
    external_ref      VARCHAR(128),
    amount            BIGINT,
    code              VARCHAR(64),
    field             VARCHAR(64),
    reason            TEXT,
    PRIMARY KEY (reconciliation_id, line)
);
