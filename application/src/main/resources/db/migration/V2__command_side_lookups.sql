-- Facts the command side checks before it sends a command (does the commune belong to the branch, which bill
-- holds a payment). Written by a subscribing event handler in the same transaction as the events themselves,
-- so they are never behind the event store; rebuilt from the events like any read model.
CREATE TABLE branch_directory (
    code    VARCHAR(10) PRIMARY KEY
);

CREATE TABLE commune_directory (
    code   CHAR(5)     PRIMARY KEY,
    branch VARCHAR(10) NOT NULL REFERENCES branch_directory (code)
);

CREATE TABLE customer_directory (
    code    CHAR(13)    PRIMARY KEY,
    branch  VARCHAR(10) NOT NULL,
    commune CHAR(5)     NOT NULL
);

-- One row per (provider, externalRef): a notification can pay one bill only, across every bill and every restart.
CREATE TABLE payment_reference (
    payment_id   UUID         PRIMARY KEY,
    provider     VARCHAR(64)  NOT NULL,
    external_ref VARCHAR(128) NOT NULL,
    bill_id      VARCHAR(32)  NOT NULL,
    CONSTRAINT payment_reference_provider_ref_key UNIQUE (provider, external_ref)
);

-- Progress of the demo data load, committed with each batch of its commands so a restart resumes, never repeats.
CREATE TABLE demo_load (
    name           VARCHAR(64) PRIMARY KEY,
    batches_done   INTEGER     NOT NULL,
    finished       BOOLEAN     NOT NULL,
    millis         BIGINT,
    commands       BIGINT
);
