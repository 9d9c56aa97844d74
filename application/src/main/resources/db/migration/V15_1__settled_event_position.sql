-- The highest global index settled at this instant, found without waiting: NULL while an append is running.
-- Every append holds the writers' lock shared from before it draws an index until its transaction ends (V5), so when
-- the lock can be taken exclusively, every index drawn so far holds a committed event or never will. Unlike
-- final_event_position(), this never queues behind a running append (and so never holds new appends back while it
-- waits); it holds the lock for one read of the sequence. Call it in a transaction of its own (or autocommit).
-- The event store's readers use it to drop from their tokens the gaps that can never fill (SettledPositions).
CREATE FUNCTION settled_event_position() RETURNS BIGINT
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NOT pg_try_advisory_xact_lock(7301200145) THEN
        RETURN NULL;
    END IF;
    -- until the sequence is first used, last_value is the number it will give first
    RETURN (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM domainevententry_globalindex_seq);
END
$$;
