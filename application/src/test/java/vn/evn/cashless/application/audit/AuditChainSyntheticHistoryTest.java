package vn.evn.cashless.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains and verifies a synthetic history of payment-sized events written straight into the event table, and
 * prints how fast, beside a raw sequential read of the same rows. Measures, asserts no speed. The size is
 * {@code -Daudit.synthetic.events=N} (default 100,000); durability is relaxed here, the figures are for reading
 * and hashing.
 */
class AuditChainSyntheticHistoryTest {

    private static final int EVENTS = Integer.getInteger("audit.synthetic.events", 100_000);
    private static final int PER_INSERT = 100_000;

    @Test
    void chainsAndVerifiesALargeHistory() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").start()) {
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                    .migrate();
            JdbcTemplate owner = new JdbcTemplate(postgres.getPostgresDatabase());
            for (int from = 1; from <= EVENTS; from += PER_INSERT) {
                owner.update(SYNTHETIC_PAYMENTS, from, Math.min(EVENTS, from + PER_INSERT - 1));
            }
            owner.execute("VACUUM ANALYZE domainevententry");

            DataSource application = postgres.getDatabase("ledger_app", "postgres");
            JdbcTemplate jdbc = new JdbcTemplate(application);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(application);
            AuditChainWriter writer = new AuditChainWriter(jdbc, transactions);
            AuditChainVerifier verifier = new AuditChainVerifier(jdbc, transactions);

            long rawStarted = System.nanoTime();
            long bytes = jdbc.queryForObject("SELECT SUM(octet_length(payload) + octet_length(metadata)) "
                    + "FROM domainevententry", Long.class);
            long rawMillis = (System.nanoTime() - rawStarted) / 1_000_000;
            long chainStarted = System.nanoTime();
            AuditChainHead head = new TransactionTemplate(transactions)
                    .execute(status -> writer.chainUpTo(Long.MAX_VALUE));
            long chainMillis = (System.nanoTime() - chainStarted) / 1_000_000;
            AuditChainVerdict verdict = verifier.verify();

            assertThat(head.events()).isEqualTo(EVENTS);
            assertThat(verdict.verified()).isTrue();
            assertThat(verdict.events()).isEqualTo(EVENTS);
            System.out.printf("""
                    Audit chain over %,d synthetic events (%,d bytes of payload and metadata):
                      chain written: %,d ms, %,.0f events/s
                      verified:      %,d ms, %,.0f events/s
                      raw sequential read of the same rows (SUM of lengths, in the server): %,d ms
                    """, EVENTS, bytes, chainMillis, perSecond(EVENTS, chainMillis), verdict.millis(),
                    perSecond(EVENTS, verdict.millis()), rawMillis);
        }
    }

    private static double perSecond(long events, long millis) {
        return events * 1000.0 / Math.max(1, millis);
    }

    /** Rows shaped like PaymentRecorded events of bills with four events each, with request metadata. */
    private static final String SYNTHETIC_PAYMENTS = """
            INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                          payload, payloadrevision, payloadtype, timestamp)
            SELECT 'PA20BM' || lpad((i / 4)::text, 7, '0') || '-2021-06', i % 4, 'Bill', md5(i::text)::uuid::text,
                   convert_to(format('{"actor":"demo","correlationId":"%s","source":"demo"}', md5((i / 4)::text)),
                              'UTF8'),
                   convert_to(format('{"payment":"%s","bill":"PA20BM%s-2021-06","customer":"PA20BM%s",'
                                     '"branch":"BM","commune":"01018","period":"2021-06","amount":%s,'
                                     '"kind":"E_WALLET","provider":"MoMo","externalRef":"MOMO-%s",'
                                     '"paidAt":"2021-06-30T17:30:00Z"}',
                                     md5(i::text)::uuid, lpad((i / 4)::text, 7, '0'), lpad((i / 4)::text, 7, '0'),
                                     (i * 1000) % 900000 + 1000, i), 'UTF8'),
                   '1', 'vn.evn.cashless.domain.billing.PaymentRecorded', '2021-06-30T17:30:00.123456Z'
            FROM generate_series(?::int, ?::int) AS i""";
}
