-- How far the global index is settled, carried by every event: the event store's readers drop from a token the gaps
-- that can never fill, and a gap is dropped only below a position settled before the event's index was drawn
-- (docs/performance.md, "Gaps in the global index").
--
-- An index is settled when it holds a committed event or never will. Every append holds the writers' lock shared
-- from before it draws an index until its transaction ends (V5), so at an instant when that lock is held
-- exclusively, every index the sequence has given out is settled. The two functions below, and only they, record
-- such a position; it only grows.

-- Adding a column takes the table's strongest lock for an instant, but waits for it behind every open reader (an
-- audit export, a verification), and every append would queue behind the wait: rather fail the migration, which is
-- then simply run again.
SET LOCAL lock_timeout = '10s';

-- A sequence, not a row: it is read by every insert, moved up to ten times a second by each node, and a row would
-- leave a dead version behind at every move. It is changed only under the writers' lock held exclusively.
CREATE SEQUENCE event_settled_position MINVALUE 0 START 0;

-- The settled position read when the row's index was drawn: always below that index, since it is read first.
-- Rows stored before this column have none, and their tokens keep every gap, as Axon's do.
ALTER TABLE domainevententry ADD COLUMN settledindex BIGINT;

-- The trigger runs on every inserted row, as the inserting role, under that session's search path: the objects are
-- named with this schema, written in here, rather than through a SET clause on the function, which cost about 8 µs a
-- row (measured, docs/performance.md). The position is read as a function, not with a query: about 1 µs a row.
-- It is NULL until a position is first recorded (no truncation then).
DO
$do$
BEGIN
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION domainevententry_draw_global_index() RETURNS trigger
            LANGUAGE plpgsql AS
        $$
        BEGIN
            PERFORM pg_advisory_xact_lock_shared(7301200145);
            NEW.settledindex := pg_sequence_last_value(%1$L);
            NEW.globalindex := nextval(%2$L);
            RETURN NEW;
        END
        $$ $f$,
        format('%I.event_settled_position', current_schema()),
        format('%I.domainevententry_globalindex_seq', current_schema()));
END
$do$;

-- Moves the position on to every index the sequence has given out; for the two functions below only, which hold the
-- writers' lock exclusively. The commit that follows need not wait for the disk while appends wait for the lock: an
-- append that reads the new position commits after it in the log, so no event can outlive it, and a position lost in
-- a crash was settled all the same.
CREATE FUNCTION record_settled_event_position() RETURNS VOID
    LANGUAGE plpgsql AS
$$
DECLARE
    drawn BIGINT;
BEGIN
    -- until the sequence is first used, last_value is the number it will give first
    drawn := (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM domainevententry_globalindex_seq);
    IF drawn > (SELECT last_value FROM event_settled_position) THEN
        PERFORM set_config('synchronous_commit', 'off', true);
        PERFORM setval('event_settled_position', drawn);
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION record_settled_event_position() FROM PUBLIC;

-- As before (V5), and what it learns by waiting for the lock is recorded for the readers too: while appends run back
-- to back, the non-waiting try below seldom finds the lock free, and the hash chain's and the export's waits still
-- move the settled position on.
CREATE OR REPLACE FUNCTION final_event_position() RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(7301200145);
    PERFORM record_settled_event_position();
    RETURN (SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry);
END
$$;

-- Tries, without waiting, to move the settled position on, and returns the position recorded. It never queues behind
-- a running append (so never holds new appends back while it waits); when it gets the lock it holds it for one read
-- of each sequence. Call it in a transaction of its own (or autocommit).
CREATE FUNCTION settle_event_position() RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    IF pg_try_advisory_xact_lock(7301200145) THEN
        PERFORM record_settled_event_position();
    END IF;
    RETURN (SELECT last_value FROM event_settled_position);
END
$$;

-- The application's role reads the position (its inserts do) but moves it only through the two functions above,
-- which run as their owner. They use this schema's objects whatever the caller's search path (a rebuild puts a schema
-- of its own first, where the application's role may create objects), as the trigger does.
DO
$$
BEGIN
    EXECUTE format('ALTER FUNCTION final_event_position() SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION settle_event_position() SET search_path = %I, pg_temp', current_schema());
END
$$;
REVOKE ALL ON SEQUENCE event_settled_position FROM ledger_app;
GRANT SELECT ON SEQUENCE event_settled_position TO ledger_app;
