-- How far the global index is settled, carried by every event: the event store's readers drop from a token the gaps
-- that can never fill, and every reader drops the same ones at the same event (docs/performance.md, "Gaps in the
-- global index").
--
-- An index is settled when it holds a committed event or never will. Every append holds the writers' lock shared
-- from before it draws an index until its transaction ends (V5), so at an instant when that lock is held
-- exclusively, every index the sequence has given out is settled. The functions below record such a position here;
-- it only grows.
CREATE TABLE event_settled_position (
    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    position BIGINT  NOT NULL
);
INSERT INTO event_settled_position (position) VALUES (0);

-- The settled position recorded when the row's index was drawn: always below that index, since it is read first.
-- Rows stored before this column have none, and their tokens keep every gap, as Axon's do.
ALTER TABLE domainevententry ADD COLUMN settledindex BIGINT;

CREATE OR REPLACE FUNCTION domainevententry_draw_global_index() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(7301200145);
    NEW.settledindex := (SELECT position FROM event_settled_position);
    NEW.globalindex := nextval('domainevententry_globalindex_seq');
    RETURN NEW;
END
$$;

-- Records that every index the sequence has given out is settled. Only for callers holding the writers' lock
-- exclusively (the two functions below).
CREATE FUNCTION record_settled_event_position() RETURNS BIGINT
    LANGUAGE plpgsql AS
$$
DECLARE
    drawn BIGINT;
BEGIN
    -- until the sequence is first used, last_value is the number it will give first
    drawn := (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM domainevententry_globalindex_seq);
    UPDATE event_settled_position SET position = drawn WHERE position < drawn;
    RETURN drawn;
END
$$;

-- As before (V5), and what it learns by waiting for the lock is recorded for the readers too: while appends run back
-- to back, the non-waiting try below seldom finds the lock free, and the hash chain's and the export's waits still
-- move the settled position on.
CREATE OR REPLACE FUNCTION final_event_position() RETURNS BIGINT
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(7301200145);
    PERFORM record_settled_event_position();
    RETURN (SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry);
END
$$;

-- Tries, without waiting, to move the settled position on, and returns the position recorded. It never queues behind
-- a running append (so never holds new appends back while it waits); when it gets the lock it holds it for one read
-- of the sequence and one update. Call it in a transaction of its own (or autocommit).
CREATE FUNCTION settle_event_position() RETURNS BIGINT
    LANGUAGE plpgsql AS
$$
BEGIN
    IF pg_try_advisory_xact_lock(7301200145) THEN
        PERFORM record_settled_event_position();
    END IF;
    RETURN (SELECT position FROM event_settled_position);
END
$$;
