package dev.bascule.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes N small migrations that look like an application's history: tables, indexes, PL/pgSQL functions with
 * dollar-quoted bodies (semicolons and quotes inside, so a naive splitter breaks), and inserts. Deterministic: the
 * same count always gives the same bytes, so every contender and every repetition runs identical files.
 */
public final class MigrationGenerator {

    /** Migrations come in a fixed cycle of four kinds; the first one also creates the marks table. */
    private enum Kind { TABLE, INDEX, FUNCTION, INSERT }

    static final int ROWS_PER_INSERT = 5;
    private static final LocalDateTime FIRST_VERSION = LocalDateTime.of(2026, 1, 1, 0, 0);
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private MigrationGenerator() {
    }

    /** Generates {@code count} migrations under {@code root} (which must be empty or absent). */
    public static GeneratedSet generate(Path root, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("--migrations must be at least 1, not " + count);
        }
        Path basculeDir = Files.createDirectories(root.resolve("bascule"));
        Path flywayDir = Files.createDirectories(root.resolve("flyway"));
        Path driver = root.resolve("psql-driver.sql");
        StringBuilder driverText = new StringBuilder("-- One transaction per file, like a migration runner; generated.\n");
        int tables = 0;
        int indexes = 0;
        int functions = 0;
        long dataRows = 0;
        for (int i = 1; i <= count; i++) {
            Kind kind = Kind.values()[(i - 1) % Kind.values().length];
            // Indexes, functions and inserts use the table created at the start of their cycle.
            int table = ((i - 1) / Kind.values().length) * Kind.values().length + 1;
            String version = VERSION.format(FIRST_VERSION.plusMinutes(i));
            String name = kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + String.format("%04d", i);
            String sql = switch (kind) {
                case TABLE -> table(i);
                case INDEX -> index(i, table);
                case FUNCTION -> function(i, table);
                case INSERT -> insert(i, table);
            };
            switch (kind) {
                case TABLE -> tables++;
                case INDEX -> indexes++;
                case FUNCTION -> functions++;
                case INSERT -> dataRows += ROWS_PER_INSERT;
            }
            String text = (i == 1 ? marksTable() : "") + sql + mark(i, kind);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Path basculeFile = basculeDir.resolve(version + "_" + name + ".up.sql");
            Files.write(basculeFile, bytes);
            Files.write(flywayDir.resolve("V" + version + "__" + name + ".sql"), bytes);
            driverText.append("BEGIN;\n\\i '").append(basculeFile.toAbsolutePath().toString().replace("'", "''"))
                    .append("'\nCOMMIT;\n");
        }
        Files.writeString(driver, driverText.toString());
        return new GeneratedSet(basculeDir, flywayDir, driver, new ExpectedSchema(count, tables, indexes, functions, dataRows));
    }

    private static String marksTable() {
        return """
                -- Every migration leaves one row here; the benchmark counts them to prove all ran, once each.
                CREATE TABLE bench_marks (
                    migration integer PRIMARY KEY,
                    kind text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
                );

                """;
    }

    private static String table(int i) {
        return """
                CREATE TABLE bench_t_%1$d (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    code text NOT NULL,
                    note text,
                    amount numeric(12,2) NOT NULL DEFAULT 0,
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                COMMENT ON TABLE bench_t_%1$d IS 'Generated table %1$d; it''s only for the benchmark';
                """.formatted(i);
    }

    private static String index(int i, int table) {
        return """
                ALTER TABLE bench_t_%2$d ADD COLUMN status text NOT NULL DEFAULT 'new';
                CREATE INDEX bench_ix_%1$d ON bench_t_%2$d (code, status);
                """.formatted(i, table);
    }

    private static String function(int i, int table) {
        // Alternating tags: plain $$ and a named $fn$ tag; the body holds ';' and quotes that must not split it.
        String tag = i % 8 == 3 ? "$$" : "$fn$";
        return """
                CREATE FUNCTION bench_fn_%1$d(p_code text) RETURNS integer
                LANGUAGE plpgsql STABLE AS %3$s
                DECLARE
                    n integer;
                BEGIN
                    -- 'quoted; not a statement end'
                    SELECT count(*) INTO n FROM bench_t_%2$d WHERE code = p_code AND note <> 'a;b';
                    RETURN n;
                END;
                %3$s;
                """.formatted(i, table, tag);
    }

    private static String insert(int i, int table) {
        StringBuilder sb = new StringBuilder("INSERT INTO bench_t_" + table + " (code, note, amount) VALUES\n");
        for (int r = 1; r <= ROWS_PER_INSERT; r++) {
            sb.append("    ('c-").append(i).append('-').append(r).append("', 'row ").append(r)
                    .append("; O''Brien', ").append(r).append(".25)").append(r < ROWS_PER_INSERT ? ",\n" : ";\n");
        }
        sb.append("UPDATE bench_t_").append(table).append(" SET amount = amount + 1 WHERE code LIKE 'c-").append(i).append("-%';\n");
        return sb.toString();
    }

    private static String mark(int i, Kind kind) {
        return "INSERT INTO bench_marks (migration, kind) VALUES (" + i + ", '" + kind.name().toLowerCase(java.util.Locale.ROOT) + "');\n";
    }
}
