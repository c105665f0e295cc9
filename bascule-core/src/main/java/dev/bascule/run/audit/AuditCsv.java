package dev.bascule.run.audit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit files' CSV dialect: RFC 4180 (CRLF between records, quotes doubled, line breaks kept inside quotes),
 * every non-NULL value quoted and NULL written as an empty unquoted field, so a NULL and an empty string differ
 * ({@code ,,} against {@code ,"",}). Values are PostgreSQL's text form of each column ({@code getString}).
 * {@code gen data-migration --from-csv} reads the same dialect back.
 */
public final class AuditCsv {

    /** The format, shared with the reader of {@code --from-csv} (an empty unquoted field reads as NULL there). */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    private AuditCsv() {
    }

    /** Writes the header and every row of {@code rows}; returns how many rows. */
    static long writeRows(Writer out, ResultSet rows, boolean header) throws IOException, SQLException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        if (header) {
            List<String> names = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                names.add(meta.getColumnLabel(i));
            }
            printer.printRecord(names);
        }
        long count = 0;
        String[] values = new String[columns];
        while (rows.next()) {
            for (int i = 0; i < columns; i++) {
                values[i] = rows.getString(i + 1);
            }
            printer.printRecord((Object[]) values);
            count++;
        }
        printer.flush();
        return count;
    }

    /** Counts the rows of {@code rows} (read, not kept) and writes {@code count} and the number. */
    static long writeCount(Writer out, ResultSet rows, boolean header) throws IOException, SQLException {
        long count = 0;
        while (rows.next()) {
            count++;
        }
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        if (header) {
            printer.printRecord("count");
        }
        printer.printRecord(count);
        printer.flush();
        return count;
    }
}
