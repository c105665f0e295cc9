package dev.bascule.generate;

import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.run.audit.AuditCsv;
import dev.bascule.sql.ScriptFiles;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read for {@code gen data-migration --from-csv}: strict UTF-8 (a byte-order mark is skipped), RFC 4180
 * through Commons CSV, the first record naming the columns. An empty unquoted field is NULL and {@code ""} an empty
 * string, the dialect Bascule's audit files are written in. Every problem is collected with its line.
 *
 * @param header the column names, as written
 * @param rows   the values of each row (null for NULL), one per column
 * @param lines  the line each row starts on
 */
record CsvRows(String file, List<String> header, List<List<String>> rows, List<Integer> lines) {

    /** Reads the file's bytes; problems (with {@code file} and line) go to {@code problems}, then it returns null. */
    static CsvRows parse(String file, byte[] bytes, List<Problem> problems) {
        String text;
        try {
            text = ScriptFiles.decodeUtf8(file, bytes);
        } catch (SourceSyntaxError e) {
            problems.add(new Problem(file, e.line(), "not UTF-8: invalid byte sequence at byte column " + e.column()
                    + "; save the file as UTF-8"));
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int before = problems.size();
        try (CSVParser parser = CSVParser.parse(text, AuditCsv.FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                int line = (int) parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problems.add(new Problem(file, line, "not valid CSV: " + rootMessage(e) + "; quote a value holding"
                            + " commas, quotes or line breaks with \"...\", doubling its quotes"));
                    break;
                }
                List<String> values = record.toList();
                if (header == null) {
                    header = values;
                    checkHeader(file, header, problems);
                    continue;
                }
                if (values.size() != header.size()) {
                    problems.add(new Problem(file, line, "this row has " + values.size() + " value(s), the header (line"
                            + " 1) names " + header.size() + " column(s): give every row one value per column (an"
                            + " empty field for NULL)"));
                    continue;
                }
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) != null && values.get(i).indexOf('\0') >= 0) {
                        problems.add(new Problem(file, line, "column " + header.get(i) + " holds a NUL character,"
                                + " which PostgreSQL text cannot store"));
                    }
                }
                rows.add(values);
                lines.add(line);
            }
        } catch (IOException e) {
            problems.add(Problem.of(file, "cannot read as CSV: " + e.getMessage()));
        }
        if (header == null && problems.size() == before) {
            problems.add(new Problem(file, 1, "is empty: the first line names the columns, each later line is a row"));
        } else if (header != null && rows.isEmpty() && problems.size() == before) {
            problems.add(new Problem(file, 2, "has a header but no rows: nothing to insert"));
        }
        return problems.size() == before ? new CsvRows(file, header, rows, lines) : null;
    }

    private static void checkHeader(String file, List<String> header, List<Problem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name == null || name.isBlank()) {
                problems.add(new Problem(file, 1, "column " + (i + 1) + " of the header has no name: the first line"
                        + " names the table's columns"));
            } else if (seen.putIfAbsent(name, i + 1) != null) {
                problems.add(new Problem(file, 1, "column " + name + " is named twice in the header (columns "
                        + seen.get(name) + " and " + (i + 1) + ")"));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
