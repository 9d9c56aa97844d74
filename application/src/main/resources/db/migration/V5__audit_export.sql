-- The audit export (EventExport) promises that a client resuming after the last position it received never misses
-- an event. Global indexes are drawn from a sequence at insert time, but transactions commit in any order: an event
-- with a lower index can become visible after one with a higher index. So every insert into the event store first
-- takes a shared, transaction-scoped advisory lock, then draws its number; the export takes the same lock
-- exclusively for an instant, which waits until every transaction that already holds a number has committed or
-- rolled back, and then reads the highest index. Nothing can appear at or below that bound any more.
-- The key 7301200145 is used for nothing else.
CREATE FUNCTION domainevententry_draw_global_index() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(7301200145);
    NEW.globalindex := nextval('domainevententry_globalindex_seq');
    RETURN NEW;
END
$$;

-- The trigger alone draws the number: a column default as well would use two numbers per event, and Axon's
-- processors would wait on a gap at every other index. Axon's insert never names the column.
ALTER TABLE domainevententry ALTER COLUMN globalindex DROP DEFAULT;

-- A session holding cached numbers could insert one below a bound the export has already read.
ALTER SEQUENCE domainevententry_globalindex_seq CACHE 1;

CREATE TRIGGER domainevententry_global_index
    BEFORE INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION domainevententry_draw_global_index();

-- One customer's ledger is its Customer aggregate (id: the code) and its bills (ids: the code, '-', the month):
-- a range of identifiers in byte order, whatever the database's collation. This index lets that read touch only
-- the customer's rows.
CREATE INDEX domainevententry_aggregate_range ON domainevententry (aggregateidentifier COLLATE "C");

-- The highest global index at and below which the history is final: taking the writers' lock exclusively waits
-- for every transaction that has drawn a number to end (new writers queue meanwhile, for that instant only), so
-- every index up to the maximum read afterwards holds a committed row or never will. The lock is held until the
-- caller's transaction ends: call it in a transaction of its own (or autocommit) and end that at once. The audit
-- export streams up to it; the hash chain links up to it.
CREATE FUNCTION final_event_position() RETURNS BIGINT
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(7301200145);
    RETURN (SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry);
END
$$;
