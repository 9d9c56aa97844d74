-- The organisation, customers and payments read models gained columns and tables (V10_1) that only their events can
-- fill: on a database that already holds events they start again from the first event, from empty tables (the
-- processors start from the beginning of the history when they hold no token). On a new database this changes nothing.
TRUNCATE rm_branch, rm_commune, rm_plan_revision, rm_customer, rm_payment_channel, rm_notification_channel,
    rm_customer_name_key, rm_payment, rm_bill;
-- (the token table is Axon's, made by the application's migrations; the read models' own tests run without it)
DO
$$
BEGIN
    IF to_regclass('tokenentry') IS NOT NULL THEN
        DELETE FROM tokenentry WHERE processorname IN ('organisation', 'customers', 'payments');
    END IF;
END
$$;
