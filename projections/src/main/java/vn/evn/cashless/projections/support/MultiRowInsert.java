package vn.evn.cashless.projections.support;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes many rows with a few multi-row {@code INSERT ... VALUES (...), (...), ...} statements instead of one
 * statement execution per row: the server parses, plans and runs one statement per {@value #ROWS} rows. Only for
 * statements where two rows of one statement never meet the same key in a {@code DO UPDATE} (PostgreSQL refuses to
 * change a row twice in one statement): plain inserts, {@code ON CONFLICT DO NOTHING}, or rows already folded by key.
 */
public final class MultiRowInsert {

    /** Rows per statement; at most 65,535 parameters fit in one, so this allows up to 130 columns. */
    static final int ROWS = 500;

    private MultiRowInsert() {
    }

    /**
     * Inserts {@code rows} in their order.
     *
     * @param insert  {@code INSERT INTO table (columns) VALUES}, without the rows
     * @param onConflict what follows the rows ({@code ON CONFLICT ...}), or an empty string
     * @param columns how many values each row has
     */
    public static void write(JdbcTemplate jdbc, String insert, String onConflict, int columns, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += ROWS) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS));
            StringBuilder sql = new StringBuilder(insert.length() + onConflict.length() + chunk.size() * columns * 3)
                    .append(insert).append(' ');
            String row = "(" + "?, ".repeat(columns - 1) + "?)";
            Object[] arguments = new Object[chunk.size() * columns];
            for (int r = 0; r < chunk.size(); r++) {
                Object[] values = chunk.get(r);
                if (values.length != columns) {
                    throw new IllegalArgumentException("a row of " + values.length + " values for " + columns
                            + " columns");
                }
                sql.append(r == 0 ? "" : ", ").append(row);
                System.arraycopy(values, 0, arguments, r * columns, columns);
            }
            sql.append(' ').append(onConflict);
            jdbc.update(sql.toString(), arguments);
        }
    }
}
