-- Long-running administrative work (read-model rebuilds) with its progress, so that a client can follow it and a
-- restart can take up what was interrupted.
CREATE TABLE admin_job (
    id          UUID         PRIMARY KEY,
    kind        VARCHAR(32)  NOT NULL,
    target      VARCHAR(64)  NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    processed   BIGINT       NOT NULL DEFAULT 0,
    total       BIGINT       NOT NULL DEFAULT 0,
    started_at  TIMESTAMPTZ  NOT NULL,
    finished_at TIMESTAMPTZ,
    error       TEXT
);
CREATE INDEX admin_job_running ON admin_job (state) WHERE state = 'RUNNING';

-- A rebuild writes its read model's tables here, beside the live ones, and copies them over in one transaction.
CREATE SCHEMA rebuild;
