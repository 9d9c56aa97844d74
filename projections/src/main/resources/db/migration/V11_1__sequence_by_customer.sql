-- The payments and figures read models now send each customer's events to a segment of their own instead of each
-- branch's (see CustomerSequencingPolicy). A segment's token says how far it got under the old split; under the new
-- one, an event may move to a segment whose token is behind it, and be applied twice (the figures add). So both read
-- models start over: their tokens go, their rows go, and they are rebuilt from the events at the next start.
-- (the token table is Axon's, made by the application's migrations; the read models' own tests run without it)
DO
$$
BEGIN
    IF to_regclass('tokenentry') IS NOT NULL THEN
        DELETE FROM tokenentry WHERE processorname IN ('payments', 'figures');
    END IF;
END
$$;
TRUNCATE rm_payment, rm_bill;
TRUNCATE fig_commune, fig_customer, fig_registration, fig_month, fig_customer_month, fig_plan;
