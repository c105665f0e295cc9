package dev.bascule.adopt;

import dev.bascule.catalog.Checksums;
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
import java.util.UUID;

/**
 * Runs {@code prisma migrate deploy} as Prisma's schema engine does against PostgreSQL (Prisma is a Node/Rust
 * tool, not available here). Followed, in github.com/prisma/prisma-engines:
 * schema-engine/connectors/sql-schema-connector/src/flavour/postgres.rs ({@code create_migrations_table}: the
 * {@code _prisma_migrations} DDL below), src/sql_migration_persistence.rs ({@code record_migration_started}
 * inserts id, checksum = SHA-256 of the script, started_at, migration_name; {@code record_successful_step} adds 1
 * to applied_steps_count; {@code record_migration_finished} sets finished_at; {@code record_failed_step} writes
 * the logs) and the postgres connection's {@code apply_migration_script} (the whole script as one
 * {@code simple_query}). Folders are applied in name order; a failure stops the run, leaving its row unfinished.
 */
final class PrismaRunner {

    private PrismaRunner() {
    }

    static void deploy(TestDatabase db, Path dir) throws IOException, SQLException {
        List<Path> folders;
        try (var list = Files.list(dir)) {
            folders = list.filter(Files::isDirectory)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
        try (Connection c = SimpleQuery.connect(db)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS _prisma_migrations (\n"
                        + "    id                      VARCHAR(36) PRIMARY KEY NOT NULL,\n"
                        + "    checksum                VARCHAR(64) NOT NULL,\n"
                        + "    finished_at             TIMESTAMPTZ,\n"
                        + "    migration_name          VARCHAR(255) NOT NULL,\n"
                        + "    logs                    TEXT,\n"
                        + "    rolled_back_at          TIMESTAMPTZ,\n"
                        + "    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
                        + "    applied_steps_count     INTEGER NOT NULL DEFAULT 0\n"
                        + ");");
            }
            Set<String> applied = new HashSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT migration_name FROM"
                    + " _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (applied.contains(name)) {
                    continue;
                }
                byte[] script = Files.readAllBytes(folder.resolve("migration.sql"));
                String id = UUID.randomUUID().toString();
                update(c, "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES (?, ?, now(), ?)",
                        id, Checksums.sha256(script), name);
                try (Statement st = c.createStatement()) {
                    st.execute(new String(script, java.nio.charset.StandardCharsets.UTF_8));
                } catch (SQLException e) {
                    update(c, "UPDATE _prisma_migrations SET logs = ? WHERE id = ?", e.getMessage(), id);
                    throw e;
                }
                update(c, "UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = ?", id);
                update(c, "UPDATE _prisma_migrations SET finished_at = now() WHERE id = ?", id);
            }
        }
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
