-- An auditor's figures as of an instant replay one branch's events recorded up to that instant. Every event names
-- its branch (in its payload) and Axon keeps the time it was recorded as text; two columns of their own, filled by
-- the database as each event is inserted, let that replay read one branch's events through an index instead of
-- scanning and parsing the whole history. Axon's insert never names them.
ALTER TABLE domainevententry ADD COLUMN branch VARCHAR(10), ADD COLUMN recorded_at TIMESTAMPTZ;

CREATE FUNCTION domainevententry_derived_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.branch := convert_from(NEW.payload, 'UTF8')::jsonb ->> 'branch';
    NEW.recorded_at := NEW.timestamp::timestamptz;
    RETURN NEW;
END
$$;

CREATE TRIGGER domainevententry_derived_columns BEFORE INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION domainevententry_derived_columns();

UPDATE domainevententry
SET branch = convert_from(payload, 'UTF8')::jsonb ->> 'branch', recorded_at = timestamp::timestamptz;

CREATE INDEX domainevententry_branch ON domainevententry (branch, globalindex);
