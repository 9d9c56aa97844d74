-- An auditor's figures as of an instant replay one branch's events recorded up to that instant: the customers,
-- registrations, communes and plans of the branch, and the payments of the months asked about. Every event names
-- its branch and a payment names when it was paid (in its payload), and Axon keeps the time an event was recorded
-- as text. Columns of their own, filled by the database as each event is inserted, let that replay read just those
-- events through indexes, so its cost follows the branch and the period asked, not the whole history. Axon's insert
-- never names them.
ALTER TABLE domainevententry
    ADD COLUMN branch      VARCHAR(10),
    ADD COLUMN recorded_at TIMESTAMPTZ,
    ADD COLUMN paid_month  DATE;

-- The local (Asia/Ho_Chi_Minh) month of an instant as the event serializer writes it: an ISO-8601 string, or a
-- number of seconds since the epoch.
CREATE FUNCTION local_month(instant jsonb) RETURNS date LANGUAGE sql STABLE AS $$
    SELECT date_trunc('month', CASE jsonb_typeof(instant)
                                   WHEN 'string' THEN (instant #>> '{}')::timestamptz
                                   WHEN 'number' THEN to_timestamp((instant #>> '{}')::numeric)
                               END AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;

CREATE FUNCTION domainevententry_derived_columns() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    body jsonb := convert_from(NEW.payload, 'UTF8')::jsonb;
BEGIN
    NEW.branch := body ->> 'branch';
    NEW.recorded_at := NEW.timestamp::timestamptz;
    -- the local month a payment (or its reversal) counts in; null for every other event
    NEW.paid_month := local_month(body -> 'paidAt');
    RETURN NEW;
END
$$;

CREATE TRIGGER domainevententry_derived_columns BEFORE INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION domainevententry_derived_columns();

-- events recorded before this migration
UPDATE domainevententry e
SET branch      = body ->> 'branch',
    recorded_at = e.timestamp::timestamptz,
    paid_month  = local_month(body -> 'paidAt')
FROM (SELECT globalindex, convert_from(payload, 'UTF8')::jsonb AS body FROM domainevententry) p
WHERE p.globalindex = e.globalindex;

-- a branch's events of some types in global order (customers, registrations, communes, plans) ...
CREATE INDEX domainevententry_branch_type ON domainevententry (branch, payloadtype, globalindex);
-- ... and its payments and reversals counted in some months
CREATE INDEX domainevententry_branch_paid_month ON domainevententry (branch, paid_month)
    WHERE paid_month IS NOT NULL;
