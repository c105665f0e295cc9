package dev.bascule.adopt;

import dev.bascule.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code dbmate migrate} as dbmate v2 does against PostgreSQL (the Go binary is not available here).
 * Followed, in github.com/amacneil/dbmate: pkg/driver/postgres/postgres.go ({@code CreateMigrationsTable}:
 * {@code create table if not exists <schema>.schema_migrations (version varchar(255) primary key)};
 * {@code InsertMigration}: {@code insert into ... (version) values ($1)}), pkg/dbmate/db.go ({@code Migrate}:
 * pending files in file-name order, each section's up text run with one {@code Exec} and the version inserted,
 * both in one transaction unless the section says {@code transaction:false}; file names {@code ^(\d+).*\.sql$})
 * and pkg/dbmate/migration.go (the up section runs from its {@code -- migrate:up} line to the
 * {@code -- migrate:down} line).
 */
final class DbmateRunner {

    private static final Pattern FILE = Pattern.compile("(\\d+).*\\.sql");
    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up(\\s*$|\\s+\\S+)");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down(\\s*$|\\s+\\S+)");

    private DbmateRunner() {
    }

    static void migrate(TestDatabase db, Path dir) throws IOException, SQLException {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> FILE.matcher(f.getFileName().toString()).matches())
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
        try (Connection c = SimpleQuery.connect(db)) {
            try (Statement st = c.createStatement()) {
                st.execute("create table if not exists public.schema_migrations (version varchar(255) primary key)");
            }
            Set<String> applied = new HashSet<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select version from public.schema_migrations order by version desc")) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            for (Path file : files) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                m.matches();
                String version = m.group(1);
                if (applied.contains(version)) {
                    continue;
                }
                String text = Files.readString(file);
                Matcher up = UP.matcher(text);
                if (!up.find()) {
                    throw new IllegalStateException("dbmate requires each migration to define an up block with '-- migrate:up'");
                }
                Matcher down = DOWN.matcher(text);
                String upSection = text.substring(up.start(), down.find() ? down.start() : text.length());
                boolean transaction = !upSection.lines().findFirst().orElse("").contains("transaction:false");
                c.setAutoCommit(!transaction);
                try (Statement st = c.createStatement(); PreparedStatement insert = c.prepareStatement(
                        "insert into public.schema_migrations (version) values (?)")) {
                    st.execute(upSection);
                    insert.setString(1, version);
                    insert.executeUpdate();
                    if (transaction) {
                        c.commit();
                    }
                } catch (SQLException e) {
                    if (transaction) {
                        c.rollback();
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
