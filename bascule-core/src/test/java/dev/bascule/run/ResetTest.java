package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.db.Database;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.PostgresMatrixTest;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reset} gives every managed schema back its owner, grants and comment, on PostgreSQL 13 to 18. */
class ResetTest {

    @TempDir
    Path tmp;

    private static List<String> schemaState(TestDatabase db) {
        return db.column("SELECT pg_get_userbyid(nspowner) || ' ' || coalesce(nspacl::text, 'null') || ' '"
                + " || coalesce(obj_description(oid, 'pg_namespace'), 'no comment') FROM pg_namespace WHERE nspname = 'public'");
    }

    @PostgresMatrixTest
    void resetKeepsThePublicSchemasOwnerGrantsAndCommentSoTheAppRoleCanStillCreate(TestDatabase db) throws Exception {
        String role = "app_" + UUID.randomUUID().toString().substring(0, 8);
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'app-pw'");
        db.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
        db.execute("COMMENT ON SCHEMA public IS 'standard public schema, kept by reset'");
        List<String> before = schemaState(db);

        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("20240101000000_create_t.up.sql", "CREATE TABLE t (a int);");
        Bascule bascule = Bascule.configure().database(db.admin()).locations(m.path()).resettable(true).load();
        bascule.migrate();
        bascule.reset();

        assertThat(schemaState(db)).isEqualTo(before);
        assertThat(db.tableExists("t")).isTrue();
        try (Connection c = new Database(db.url(), role, "app-pw").connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE created_by_the_app (id int)");
        }
        assertThat(db.tableExists("created_by_the_app")).isTrue();
    }
}
