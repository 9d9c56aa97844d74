-- Payments and amounts per reporting period (month 2021-06, quarter 2021-Q2, half 2021-H1, year 2021), commune, kind
-- and provider: the sums of fig_month over the period's months, kept by the figures read model beside fig_month
-- (FigureProjection), so that coverage and the channel breakdown of a period read one row per commune, kind and
-- provider instead of one per month as well (docs/performance.md, "Fewer reads per answer"). Years 2000 to 2100
-- only, those a reporting period can name; any other range of months is still summed from fig_month.
CREATE TABLE fig_period (
    branch   VARCHAR(10) NOT NULL,
    period   VARCHAR(7)  NOT NULL,
    commune  CHAR(5)     NOT NULL,
    kind     VARCHAR(16) NOT NULL,
    provider VARCHAR(64) NOT NULL,
    payments BIGINT      NOT NULL,
    amount   BIGINT      NOT NULL,
    PRIMARY KEY (branch, period, commune, kind, provider)
);

-- On an existing database: the sums of the months already there, in the same transaction as the table.
INSERT INTO fig_period (branch, period, commune, kind, provider, payments, amount)
SELECT m.branch, p.period, m.commune, m.kind, m.provider, SUM(m.payments), SUM(m.amount)
FROM fig_month m
         CROSS JOIN LATERAL (VALUES (to_char(m.month, 'YYYY-MM')),
                                    (to_char(m.month, 'YYYY') || '-Q' || extract(QUARTER FROM m.month)::int),
                                    (to_char(m.month, 'YYYY') || '-H' || ((extract(MONTH FROM m.month)::int + 5) / 6)),
                                    (to_char(m.month, 'YYYY'))) p (period)
WHERE m.month >= DATE '2000-01-01' AND m.month < DATE '2101-01-01'
GROUP BY m.branch, p.period, m.commune, m.kind, m.provider;
