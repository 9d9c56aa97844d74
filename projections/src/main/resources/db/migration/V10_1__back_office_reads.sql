-- What back-office applications look up: branches by company, customers by code, name or phone, a bill with its
-- payments, a plan with its revisions. Every list is read a page at a time through one of these indexes.
-- Prefix searches use *_pattern_ops indexes, which serve LIKE 'prefix%' whatever the database's collation.
-- (pg_trgm ships with the embedded server, but an external server may not offer it; these need nothing.)

-- The company's code (revision 2 of BranchCreated; older events are upcast with the code their company name gives).
ALTER TABLE rm_branch ADD COLUMN company_code VARCHAR(20);
CREATE INDEX rm_branch_company ON rm_branch (company_code, code);

CREATE INDEX rm_customer_code_prefix ON rm_customer (code bpchar_pattern_ops);
CREATE INDEX rm_customer_phone_prefix ON rm_customer (phone varchar_pattern_ops);
CREATE INDEX rm_customer_commune ON rm_customer (commune, code);

-- A customer's name folded for search (NFC, no diacritics, đ as d, lower case, words separated by one space), once
-- from each word on: "Nguyễn Văn An" gives "nguyen van an", "van an" and "an", so a search for any word prefix of the
-- name ("van a", "bac me") is one prefix scan of this index.
CREATE TABLE rm_customer_name_key (
    key      TEXT     NOT NULL,
    customer CHAR(13) NOT NULL,
    PRIMARY KEY (customer, key)
);
CREATE INDEX rm_customer_name_key_prefix ON rm_customer_name_key (key text_pattern_ops);

-- A bill as issued; what was paid on it is summed from its payments.
CREATE TABLE rm_bill (
    bill_id  VARCHAR(32) PRIMARY KEY,
    customer CHAR(13)    NOT NULL,
    branch   VARCHAR(10) NOT NULL,
    commune  CHAR(5)     NOT NULL,
    period   CHAR(7)     NOT NULL,
    amount   BIGINT      NOT NULL,
    due_date DATE
);
CREATE INDEX rm_payment_bill ON rm_payment (bill_id, paid_at);

-- Every revision of every plan, with who assigned it and when it was recorded.
CREATE TABLE rm_plan_revision (
    branch                 VARCHAR(10) NOT NULL,
    period                 VARCHAR(7)  NOT NULL,
    revision               INTEGER     NOT NULL,
    cashless_amount_ratio  NUMERIC,
    cashless_payment_ratio NUMERIC,
    zalo_registrations     BIGINT,
    commune_coverage       NUMERIC,
    cashless_kinds         TEXT        NOT NULL,
    assigned_by            TEXT,
    correlation_id         TEXT,
    recorded_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (branch, period, revision)
);
