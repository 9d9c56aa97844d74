package vn.evn.cashless.application.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
    private static final ZoneRules VIETNAM_RULES = Zones.VIETNAM.getRules();
    /** The metadata keys a line shows, in the order {@link #causedBy} answers them. */
    private static final String[] CAUSED_BY = {RequestContext.ACTOR, RequestContext.CORRELATION_ID,
            RequestContext.SOURCE};

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
                cursor.query(connection -> binaryTransfer(connection.prepareStatement(sql), arguments), line);
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

    /**
     * The statement with its arguments, its rows sent in PostgreSQL's binary format. A cursor's statement is executed
     * once, so the driver would otherwise never switch it to binary transfer and would receive {@code payload} and
     * {@code metadata} (bytea) as hex text, which the server encodes and the driver decodes byte by byte: the largest
     * cost of the export. Binary, they come as they are stored. Text columns are sent as text either way.
     */
    private static PreparedStatement binaryTransfer(PreparedStatement statement, Object... arguments)
            throws SQLException {
        try {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            new ArgumentPreparedStatementSetter(arguments).setValues(statement);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** The columns in the order of {@link #COLUMNS}. */
    private static void writeLine(ResultSet row, JsonGenerator lines) throws SQLException {
        String[] caused = causedBy(row.getBytes(9));
        ExportedEvent event = new ExportedEvent(row.getLong(1), row.getString(2), simpleName(row.getString(3)),
                row.getString(4), row.getString(5), row.getString(6), row.getLong(7), localTime(row.getString(8)),
                caused[0], caused[1], caused[2], payload(row.getBytes(10)));
        LINE.writeValue(lines, event);
        lines.writeRaw('\n');
    }

    /**
     * The actor, correlation id and source of the stored metadata, read with a streaming parser: the three string
     * values are taken as they come and everything else is skipped, without building a tree of the metadata. What
     * this does not expect (a value of another type, something other than one object) is read as a tree, as it was
     * before, so that every line stays what it was.
     */
    private static String[] causedBy(byte[] stored) {
        String[] values = new String[CAUSED_BY.length];
        if (stored == null) {
            return values;
        }
        try (JsonParser parser = JSON.createParser(stored)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                boolean expected = true;
                while (expected && parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    int slot = slotOf(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (slot < 0) {
                        parser.skipChildren();
                    } else if (value == JsonToken.VALUE_STRING) {
                        values[slot] = parser.getString();
                    } else if (value == JsonToken.VALUE_NULL) {
                        values[slot] = null;
                    } else {
                        expected = false;
                    }
                }
                if (expected && parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null) {
                    return values;
                }
            }
        }
        JsonNode metadata = JSON.readTree(stored);
        for (int slot = 0; slot < CAUSED_BY.length; slot++) {
            values[slot] = text(metadata, CAUSED_BY[slot]);
        }
        return values;
    }

    private static int slotOf(String key) {
        for (int slot = 0; slot < CAUSED_BY.length; slot++) {
            if (CAUSED_BY[slot].equals(key)) {
                return slot;
            }
        }
        return -1;
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

    /**
     * The stored time ({@code 2021-03-10T03:00:00.123Z}, as the event store writes it) in Asia/Ho_Chi_Minh with its
     * offset, as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it. Parsing and formatting through
     * {@code java.time}'s formatters was the largest cost of a line, so the usual form is read and written by hand;
     * anything else (other forms, years outside 1900-9998) goes through the formatters, as before.
     */
    static String localTime(String stored) {
        String fast = usualLocalTime(stored);
        return fast != null ? fast : LOCAL_TIME.format(Instant.parse(stored).atZone(Zones.VIETNAM).toOffsetDateTime());
    }

    private static String usualLocalTime(String stored) {
        int length = stored.length();
        if (length < 20 || length > 30 || stored.charAt(length - 1) != 'Z' || stored.charAt(4) != '-'
                || stored.charAt(7) != '-' || stored.charAt(10) != 'T' || stored.charAt(13) != ':'
                || stored.charAt(16) != ':') {
            return null;
        }
        int year = digits(stored, 0, 4);
        int month = digits(stored, 5, 7);
        int day = digits(stored, 8, 10);
        int hour = digits(stored, 11, 13);
        int minute = digits(stored, 14, 16);
        int second = digits(stored, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (stored.charAt(19) != '.' || length == 21) {
                return null;
            }
            nanos = digits(stored, 20, length - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = length - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 1900 || year > 9998 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year,
                month).lengthOfMonth() || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0
                || second < 0) {
            return null;
        }
        long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        ZoneOffset offset = VIETNAM_RULES.getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, nanos, offset);
        StringBuilder text = new StringBuilder(35);
        pad(text, local.getYear(), 4).append('-');
        pad(text, local.getMonthValue(), 2).append('-');
        pad(text, local.getDayOfMonth(), 2).append('T');
        pad(text, local.getHour(), 2).append(':');
        pad(text, local.getMinute(), 2).append(':');
        pad(text, local.getSecond(), 2);
        if (nanos != 0) {
            int digits = 9;
            int fraction = nanos;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            text.append('.');
            pad(text, fraction, digits);
        }
        return text.append(offset.getId()).toString();
    }

    /** The decimal number in {@code text[from, to)}; -1 if it is not all digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata == null ? null : metadata.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }
}
