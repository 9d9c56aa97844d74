package vn.evn.cashless.application.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.domain.customer.Customer;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.shared.Zones;

/**
 * The ledger's history as auditors read it: stored events in global order, one JSON object per line, read with a
 * database cursor and written as they come, so the whole history streams in constant memory. Payloads are copied
 * as the stored JSON, never deserialized: the export shows what is stored, whatever the code of the day makes of it.
 *
 * <p>Global indexes are drawn at insert time but committed in any order, so a reader at the head could see index
 * 12 before index 11 commits, and a client resuming "after 12" would miss 11 for ever. Every export therefore stops
 * at a {@linkplain #safePosition() safe position} below which no transaction is still open (see
 * {@code V5__audit_export.sql}).
 */
@Component
public class EventExport {

    /** The most events one page may ask for; without a limit the export streams everything up to the bound. */
    public static final long MAX_LIMIT = 100_000;

    /**
     * Rows per round trip of the cursor: large enough that the round trips do not hold the stream back (a few MB of
     * rows at a time), small enough to never matter for memory.
     */
    private static final int FETCH_SIZE = 5_000;

    private static final String COLUMNS = """
            SELECT globalindex, eventidentifier, payloadtype, payloadrevision, type, aggregateidentifier,
                   sequencenumber, timestamp, metadata, payload
            FROM domainevententry
            """;

    /**
     * One customer's events: parameters are the code, the code followed by {@code .} (the first identifier past the
     * range), the code, the code followed by {@code -%}, and the bound. Public so that its plan can be checked.
     */
    public static final String CUSTOMER_LEDGER = COLUMNS + """
            WHERE aggregateidentifier COLLATE "C" >= ? AND aggregateidentifier COLLATE "C" < ?
              AND (aggregateidentifier = ? OR aggregateidentifier LIKE ?)
              AND globalindex <= ?
            ORDER BY globalindex""";

    private static final JsonMapper JSON = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final ObjectWriter LINE = JSON.writerFor(ExportedEvent.class)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).withRootValueSeparator("");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;

    public EventExport(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(FETCH_SIZE);
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The highest global index at and below which the history is final. Taking the writers' lock exclusively waits for
     * every transaction that has drawn a number to end (new writers queue meanwhile, for that instant only); the
     * highest index read afterwards can then never be undercut by a later commit.
     */
    public long safePosition() {
        Long bound = transactions.execute(status ->
                jdbc.queryForObject("SELECT final_event_position()", Long.class));
        return bound == null ? 0 : bound;
    }

    /**
     * Writes the events with {@code after < position <= upTo}, in order, at most {@code limit} of them when a limit
     * is given ({@code null}: all of them). The caller takes {@code upTo} from {@link #safePosition()}.
     *
     * @return how many events were written
     */
    public long write(long after, long upTo, Long limit, OutputStream out) {
        return stream(COLUMNS + "WHERE globalindex > ? AND globalindex <= ? ORDER BY globalindex LIMIT ?", out,
                after, upTo, new SqlParameterValue(Types.BIGINT, limit));
    }

    /** Whether the customer was ever registered: its aggregate has events. */
    public boolean customerExists(CustomerCode customer) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ? AND type = ?)""",
                Boolean.class, customer.value(), Customer.class.getSimpleName()));
    }

    /**
     * Writes one customer's ledger up to {@code upTo}: the customer aggregate (its id is the code) and its bills
     * (ids: the code, a dash, the month). The identifiers form one range in byte order, which the index of
     * V5__audit_export.sql reads without touching anyone else's rows; the second condition keeps exactly the
     * customer and its bills within that range.
     */
    public long writeCustomer(CustomerCode customer, long upTo, OutputStream out) {
        String code = customer.value();
        return stream(CUSTOMER_LEDGER, out, code, code + ".", code, code + "-%", upTo);
    }

    /**
     * A cursor needs a transaction (autocommit off) in PostgreSQL's driver; without one it reads every row first.
     * One generator writes every line into its buffer, and the buffer goes to the response when full: no byte array
     * per line, no flush per line.
     */
    private long stream(String sql, OutputStream response, Object... arguments) {
        Long written = readOnly.execute(status -> {
            BufferedOutputStream out = new BufferedOutputStream(response, 1 << 16);
            long[] count = {0};
            try (JsonGenerator lines = LINE.createGenerator(out)) {
                RowCallbackHandler line = row -> {
                    writeLine(row, lines);
                    count[0]++;
                };
                cursor.query(sql, line, arguments);
                lines.flush();
            }
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return count[0];
        });
        return written == null ? 0 : written;
    }

    /** The columns in the order of {@link #COLUMNS}. */
    private static void writeLine(ResultSet row, JsonGenerator lines) throws SQLException {
        byte[] storedMetadata = row.getBytes(9);
        JsonNode metadata = storedMetadata == null ? null : JSON.readTree(storedMetadata);
        ExportedEvent event = new ExportedEvent(row.getLong(1), row.getString(2), simpleName(row.getString(3)),
                row.getString(4), row.getString(5), row.getString(6), row.getLong(7), localTime(row.getString(8)),
                text(metadata, RequestContext.ACTOR), text(metadata, RequestContext.CORRELATION_ID),
                text(metadata, RequestContext.SOURCE), payload(row.getBytes(10)));
        LINE.writeValue(lines, event);
        lines.writeRaw('\n');
    }

    /**
     * The stored JSON as it is. In valid JSON a raw line break can only be whitespace between tokens (inside a
     * string it must be escaped), so turning it into a space keeps the value and keeps the event on one line.
     */
    private static RawValue payload(byte[] stored) {
        String json = new String(stored, StandardCharsets.UTF_8);
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            json = json.replace('\n', ' ').replace('\r', ' ');
        }
        return new RawValue(json);
    }

    private static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    private static String localTime(String stored) {
        return LOCAL_TIME.format(Instant.parse(stored).atZone(Zones.VIETNAM).toOffsetDateTime());
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata == null ? null : metadata.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }
}
