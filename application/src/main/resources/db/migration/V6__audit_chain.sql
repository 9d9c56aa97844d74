-- Tamper evidence (docs/tamper-evidence.md). The event table and the hash chain over it are append-only: a
-- trigger refuses UPDATE, DELETE and TRUNCATE on them whoever asks, the table owner included. It is enabled
-- ALWAYS, so a session in replica mode (session_replication_role) does not slip past it; only the owner's
-- explicit ALTER TABLE ... DISABLE TRIGGER does, and what is done then shows in /api/audit/verify.
CREATE FUNCTION refuse_change_of_history() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% on % refused: the table is append-only', TG_OP, TG_TABLE_NAME
        USING HINT = 'Events are never changed or removed; a correction is a new event.';
END
$$;

CREATE TRIGGER domainevententry_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_history();
ALTER TABLE domainevententry ENABLE ALWAYS TRIGGER domainevententry_append_only;

-- One row per stored event, in global order: link = SHA-256(previous link || canonical bytes of the event).
-- events counts the events chained up to and including this one; event_id names the event for a reader.
CREATE TABLE audit_chain (
    position BIGINT       NOT NULL,
    event_id VARCHAR(255) NOT NULL,
    events   BIGINT       NOT NULL,
    link     BYTEA        NOT NULL,
    CONSTRAINT audit_chain_pkey PRIMARY KEY (position),
    CONSTRAINT audit_chain_link_is_sha256 CHECK (octet_length(link) = 32)
);

CREATE TRIGGER audit_chain_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_history();
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_append_only;

