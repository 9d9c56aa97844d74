-- The application connects as ledger_app, the migrations run as the schema's owner (docs/tamper-evidence.md).
-- ledger_app may read and append events and chain links but never change or remove them; everything else
-- (Axon's tokens and snapshots, look-ups, read models, including tables later migrations create) it may change.
-- The role is made here if the owner may create roles; otherwise an administrator makes it beforehand.
DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_app') THEN
        CREATE ROLE ledger_app LOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO ledger_app', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO ledger_app',
                   current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ledger_app', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I '
                   'GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ledger_app', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ledger_app',
                   current_schema());
    -- Flyway's own history is the migrations' business only.
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE ALL ON flyway_schema_history FROM ledger_app;
    END IF;
END
$$;

-- History is append-only for the application. (Axon deletes old snapshots, so snapshotevententry keeps DELETE.)
REVOKE UPDATE, DELETE, TRUNCATE ON domainevententry, audit_chain FROM ledger_app;
