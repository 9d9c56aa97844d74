package vn.evn.cashless.api.reconciliation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.security.LedgerUser;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.UnicodeText;
import vn.evn.cashless.application.reconciliation.ImportLine;
import vn.evn.cashless.application.reconciliation.ReconciliationImporter;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.BillingPeriod;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * A reconciliation file read one record at a time (docs/reconciliation.md): UTF-8 with or without a byte order mark,
 * a header naming the columns in any order, comma or semicolon separated (as the header is), fields optionally quoted
 * with {@code "} (a quoted field may hold the separator, a line break, and {@code ""} for a quote). Every value is
 * brought to NFC and read with the rules and field names of {@code POST /api/payments}; a line the signed-in user may
 * not record (another provider's payment, a customer of another branch) is refused with {@code ACCESS_DENIED}.
 */
final class CsvPaymentFile implements ReconciliationImporter.Source {

    static final List<String> COLUMNS = List.of("customer", "period", "amount", "kind", "provider", "externalRef",
            "paidAt");
    private static final Pattern FRACTIONAL = Pattern.compile("[+-]?\\d*[.,]\\d+([eE][+-]?\\d+)?|[+-]?\\d+[eE][+-]?\\d+");
    /**
     * The most characters a record may hold, separators and quotes left out. A payment's line needs a few hundred;
     * a longer one is refused as a line, and no more of it is kept in memory than this.
     */
    static final int MAX_RECORD = 4_096;

    private final BufferedReader reader;
    private final Inputs inputs;
    private final Access access;
    private final LedgerUser user;
    private final char separator;
    /** Column name → position in a record. */
    private final Map<String, Integer> positions;
    private final int width;
    private int physicalLine = 1;
    private ImportLine next;

    private CsvPaymentFile(BufferedReader reader, Inputs inputs, Access access, LedgerUser user, char separator,
                           Map<String, Integer> positions, int width) {
        this.reader = reader;
        this.inputs = inputs;
        this.access = access;
        this.user = user;
        this.separator = separator;
        this.positions = positions;
        this.width = width;
    }

    /** Opens a file and reads its header; a file without a usable header is refused as a whole. */
    static CsvPaymentFile open(Path path, Inputs inputs, Access access, LedgerUser user) {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            String first = firstLine(reader);
            if (first == null || first.isBlank()) {
                throw new InvalidValueException("file", "is empty; its first line must name the columns "
                        + String.join(",", COLUMNS));
            }
            boolean comma = first.indexOf(',') >= 0;
            boolean semicolon = first.indexOf(';') >= 0;
            if (comma == semicolon) {
                throw new InvalidValueException("header", "must name the columns " + String.join(",", COLUMNS)
                        + ", separated by commas or by semicolons");
            }
            CsvPaymentFile file = new CsvPaymentFile(reader, inputs, access, user, comma ? ',' : ';',
                    new LinkedHashMap<>(), 0);
            List<String> names;
            try {
                names = file.record();
            } catch (InvalidValueException e) {
                throw e.forField("header");
            }
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = UnicodeText.nfc(names.get(i)).strip();
                String column = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                        .orElseThrow(() -> new InvalidValueException("header", "names an unknown column '" + name
                                + "'; the columns are " + String.join(", ", COLUMNS)));
                if (positions.put(column, i) != null) {
                    throw new InvalidValueException("header", "names the column " + column + " twice");
                }
            }
            for (String column : COLUMNS) {
                if (!positions.containsKey(column)) {
                    throw new InvalidValueException("header", "lacks the column " + column
                            + "; the columns are " + String.join(", ", COLUMNS));
                }
            }
            CsvPaymentFile payments = new CsvPaymentFile(reader, inputs, access, user, file.separator, positions,
                    names.size());
            payments.physicalLine = file.physicalLine;
            return payments;
        } catch (IOException e) {
            close(reader);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close(reader);
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public ImportLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportLine line = next;
        next = null;
        return line;
    }

    @Override
    public void close() {
        close(reader);
    }

    private static void close(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing more to read from it either way
        }
    }

    /** The header's first line, read ahead and given back to the reader; refused when it is too long to be one. */
    private static String firstLine(BufferedReader reader) throws IOException {
        char[] ahead = new char[MAX_RECORD + 1];
        reader.mark(ahead.length);
        int read = 0;
        for (int n; read < ahead.length && (n = reader.read(ahead, read, ahead.length - read)) != -1; ) {
            read += n;
        }
        reader.reset();
        String start = new String(ahead, 0, read);
        int end = start.indexOf('\n');
        if (end < 0 && read > MAX_RECORD) {
            throw new InvalidValueException("header", "must be a line of at most " + MAX_RECORD + " characters");
        }
        return read == 0 ? null : end < 0 ? start : start.substring(0, end);
    }

    /** The next non-blank record as a payment or a rejection; {@code null} at the end of the file. */
    private ImportLine read() {
        try {
            while (true) {
                int line = physicalLine;
                List<String> fields;
                try {
                    fields = record();
                } catch (InvalidValueException e) {
                    return ImportLine.rejected(line, e, null, null);
                }
                if (fields == null) {
                    return null;
                }
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                return payment(line, fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportLine payment(int line, List<String> fields) {
        String externalRef = null;
        Long amount = null;
        try {
            if (fields.size() != width) {
                throw new InvalidValueException(null, "has " + fields.size() + " fields; the header names " + width
                        + " columns");
            }
            externalRef = reportedRef(value(fields, "externalRef"));
            amount = reported(value(fields, "amount"));
            BillId bill = BillId.of(Inputs.value("customer", value(fields, "customer"), CustomerCode::of),
                    Inputs.value("period", value(fields, "period"), BillingPeriod::of));
            Vnd vnd = Vnd.of(amount(value(fields, "amount")));
            String paidAt = value(fields, "paidAt");
            RecordPayment command = new RecordPayment(bill, vnd,
                    Inputs.enumValue("kind", value(fields, "kind"), ChannelKind.class),
                    Inputs.value("provider", value(fields, "provider"), Provider::of),
                    Inputs.value("externalRef", value(fields, "externalRef"), ExternalRef::of),
                    inputs.businessTime("paidAt", paidAt), paidAt != null && !paidAt.isBlank());
            access.requireProvider(user, command.provider());
            access.requireCustomer(user, bill.customer());
            return ImportLine.of(line, command);
        } catch (DomainException e) {
            return ImportLine.rejected(line, e, externalRef, amount);
        }
    }

    /** A column's value in NFC; an empty field is a value left out. */
    private String value(List<String> fields, String column) {
        String raw = fields.get(positions.get(column));
        return raw == null || raw.isEmpty() ? null : UnicodeText.nfc(raw);
    }

    /**
     * The external reference a report repeats for a line, even a refused one: without control characters, which a
     * refused reference may hold (and PostgreSQL's text does not take a NUL). The report clips it to the length of
     * an accepted one as it stores it ({@code Reconciliations.append}).
     */
    private static String reportedRef(String text) {
        if (text == null) {
            return null;
        }
        String printable = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return printable.isEmpty() ? null : printable;
    }

    /**
     * The amount for the report, if it is a whole number an accepted line could hold at all (so that the report's
     * sums stay within a {@code long}); whether it is valid is decided in order.
     */
    private static Long reported(String raw) {
        try {
            long amount = raw == null ? 0 : Long.parseLong(raw.strip());
            return raw == null || amount > Vnd.MAX || amount < -Vnd.MAX ? null : amount;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The amount as {@code POST /api/payments} reads a JSON number: whole VND. */
    private static long amount(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException("amount", "is required");
        }
        String text = raw.strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            if (FRACTIONAL.matcher(text).matches()) {
                throw new InvalidValueException("amount", "must be a whole number, not fractional");
            }
            if (text.matches("[+-]?\\d+")) {
                throw new InvalidValueException("amount", "is out of range");
            }
            throw new InvalidValueException("amount", "must be a whole number");
        }
    }

    /**
     * The next record's fields, or {@code null} at the end of the file. A record ends at a line break outside
     * quotes; {@link #physicalLine} counts every line break read.
     */
    private List<String> record() throws IOException {
        int c = reader.read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>(width == 0 ? 8 : width);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int startLine = physicalLine;
        int kept = 0;
        while (true) {
            if (kept > MAX_RECORD) {
                skipRecord(c, quoted);
                throw new InvalidValueException(null, "is longer than " + MAX_RECORD + " characters");
            }
            if (c == -1) {
                if (quoted) {
                    throw new InvalidValueException(null, "has a quote (\") opened on line " + startLine
                            + " and never closed");
                }
                fields.add(field.toString());
                return fields;
            }
            kept++;
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    reader.mark(1);
                    int after = reader.read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (after != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    if (ch == '\n') {
                        physicalLine++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == separator) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n') {
                physicalLine++;
                fields.add(stripCarriageReturn(field));
                return fields;
            } else {
                field.append(ch);
            }
            c = reader.read();
        }
    }

    /** Reads on to the end of a record without keeping it: past its line break outside quotes, or to the end. */
    private void skipRecord(int c, boolean quoted) throws IOException {
        for (; c != -1; c = reader.read()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n') {
                physicalLine++;
                if (!quoted) {
                    return;
                }
            }
        }
    }

    private static String stripCarriageReturn(StringBuilder field) {
        int length = field.length();
        return length > 0 && field.charAt(length - 1) == '\r' ? field.substring(0, length - 1) : field.toString();
    }
}
