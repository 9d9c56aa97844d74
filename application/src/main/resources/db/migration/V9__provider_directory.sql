-- One provider, one name: the first spelling recorded for each provider (compared in NFC without regard to case),
-- which every later payment and registration naming that provider is recorded under. A command-side look-up,
-- written in the same transaction as the events that first name a provider, rebuilt from them like the others.
CREATE TABLE provider_directory (
    key  VARCHAR(64) PRIMARY KEY,
    name VARCHAR(64) NOT NULL
);

-- the providers named so far, each under the spelling of the first event that named it
INSERT INTO provider_directory (key, name)
SELECT DISTINCT ON (lower(normalize(name, NFC))) lower(normalize(name, NFC)), name
FROM (SELECT globalindex, convert_from(payload, 'UTF8')::jsonb ->> 'provider' AS name
      FROM domainevententry
      WHERE payloadtype IN ('vn.evn.cashless.domain.billing.PaymentRecorded',
                            'vn.evn.cashless.domain.customer.PaymentChannelRegistered')) named
ORDER BY lower(normalize(name, NFC)), globalindex;
