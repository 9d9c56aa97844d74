-- Recomputes the ledger's audit hash chain inside PostgreSQL, independently of the application's Java code,
-- from docs/tamper-evidence.md alone. Needs only SELECT on domainevententry and the right to create temporary
-- functions. Run it with psql in one session; the last statement lists every position with its link.

-- One field of the canonical encoding: a 4-byte big-endian signed length, then the bytes; NULL is length -1.
CREATE FUNCTION pg_temp.audit_field(value BYTEA) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(octet_length(value)) || value END $$;

CREATE FUNCTION pg_temp.audit_chain_recomputed() RETURNS TABLE (at_position BIGINT, link BYTEA)
    LANGUAGE plpgsql AS
$$
DECLARE
    event    RECORD;
    previous BYTEA := decode(repeat('00', 32), 'hex');
BEGIN
    FOR event IN SELECT * FROM domainevententry ORDER BY globalindex LOOP
        previous := sha256(previous
            || pg_temp.audit_field(convert_to('cashless-ledger/audit-chain/1', 'UTF8'))
            || pg_temp.audit_field(int8send(event.globalindex))
            || pg_temp.audit_field(convert_to(event.eventidentifier, 'UTF8'))
            || pg_temp.audit_field(convert_to(event.payloadtype, 'UTF8'))
            || pg_temp.audit_field(convert_to(event.payloadrevision, 'UTF8'))
            || pg_temp.audit_field(convert_to(event.type, 'UTF8'))
            || pg_temp.audit_field(convert_to(event.aggregateidentifier, 'UTF8'))
            || pg_temp.audit_field(int8send(event.sequencenumber))
            || pg_temp.audit_field(event.payload)
            || pg_temp.audit_field(event.metadata)
            || pg_temp.audit_field(convert_to(event.timestamp, 'UTF8')));
        at_position := event.globalindex;
        link := previous;
        RETURN NEXT;
    END LOOP;
END
$$;

SELECT at_position, encode(link, 'hex') AS link FROM pg_temp.audit_chain_recomputed();
