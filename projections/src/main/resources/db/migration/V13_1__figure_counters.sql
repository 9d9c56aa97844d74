-- Counters the figures read model keeps beside its rows (FigureCounters), so that coverage and progress read tens of
-- rows instead of every customer and customer-month of a branch (docs/performance.md, "Queries at size"). The
-- "figures" processing group writes them in the transaction that writes the rows they count; a rebuild of the
-- read model rebuilds them with the rest. V13_11 has the read model replayed, which fills them.

-- Customers per commune and local (Asia/Ho_Chi_Minh) month of their registration.
CREATE TABLE fig_customer_count (
    branch    VARCHAR(10) NOT NULL,
    month     DATE        NOT NULL,
    commune   CHAR(5)     NOT NULL,
    customers BIGINT      NOT NULL,
    PRIMARY KEY (branch, month, commune)
);
-- the customers registered in the month of an instant, before it
CREATE INDEX fig_customer_registered ON fig_customer (branch, registered_at);


-- Paying customers per reporting period (month 2021-06, quarter 2021-Q2, half 2021-H1, year 2021), commune and the
-- set of cashless-capable kinds they paid through in it (kind names in code-point order, comma-separated): each
-- (commune, customer) of fig_customer_month with a counted payment in the period is one customer of one row. Those
-- paying through any of a set of kinds are the sum of the rows whose set meets it. Years 2000 to 2100 only, those a
-- reporting period can name.
CREATE TABLE fig_paying (
    branch    VARCHAR(10) NOT NULL,
    period    VARCHAR(7)  NOT NULL,
    commune   CHAR(5)     NOT NULL,
    kinds     TEXT        NOT NULL,
    customers BIGINT      NOT NULL,
    PRIMARY KEY (branch, period, commune, kinds)
);
-- a customer's rows of one year, read by the projection before it changes them
CREATE INDEX fig_customer_month_customer ON fig_customer_month (branch, customer, month);


-- Customers per commune with a registration of a type that has not ended (unregistered_at null), by the set of
-- channels of those open registrations (code-point order, comma-separated). Those active at an instant are these,
-- corrected by the few customers whose registrations begin or end at or after it.
CREATE TABLE fig_registered (
    branch    VARCHAR(10) NOT NULL,
    type      VARCHAR(16) NOT NULL,
    commune   CHAR(5)     NOT NULL,
    channels  TEXT        NOT NULL,
    customers BIGINT      NOT NULL,
    PRIMARY KEY (branch, type, commune, channels)
);
-- the registrations that begin or end at or after an instant
CREATE INDEX fig_registration_registered ON fig_registration (branch, type, registered_at);
CREATE INDEX fig_registration_unregistered ON fig_registration (branch, type, unregistered_at);

