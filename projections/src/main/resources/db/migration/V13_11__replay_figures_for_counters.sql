-- The counters of V13_1 are rebuilt by the figures read model itself: its token goes and its rows go, and it is
-- replayed from the events at the next start (as V11_1 did), so the counters are made by the same code that keeps
-- them, whatever the rows V13_1 found. (The token table is Axon's, made by the application's migrations; the read
-- models' own tests run without it.)
DO
$$
BEGIN
    IF to_regclass('tokenentry') IS NOT NULL THEN
        DELETE FROM tokenentry WHERE processorname = 'figures';
    END IF;
END
$$;
TRUNCATE fig_commune, fig_customer, fig_registration, fig_month, fig_customer_month, fig_plan, fig_customer_count,
    fig_paying, fig_registered;
