package dev.bascule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.aws.S3TestServer;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when": schema migrations from a local folder, secure migrations streamed from {@code s3://} on
 * a real in-process S3 server, applied to embedded PostgreSQL by the CLI, and {@code status} naming each source.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SecureMigrateEndToEndTest {

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @TempDir
    Path tmp;

    private SecureProject project(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("db/schema/20240101000000_create_office_users.up.sql",
                "CREATE TABLE office_users (id serial PRIMARY KEY, email text UNIQUE NOT NULL);\n");
        p.write("db/schema/20240103000000_add_active.up.sql", "ALTER TABLE office_users ADD COLUMN active boolean DEFAULT true;\n");
        p.write("db/secure/20240102000000_load_office_users.up.sql",
                "INSERT INTO office_users (email) VALUES ('fake.user@example.com');\n");
        p.write("db/secure/20240104000000_only_prd_users.up.sql",
                "INSERT INTO office_users (email) VALUES ('another.fake@example.com');\n");
        p.write("db/manifest.txt", "20240101000000_create_office_users.up.sql\n20240102000000_load_office_users.up.sql\n"
                + "20240103000000_add_active.up.sql\n20240104000000_only_prd_users.up.sql\n");
        return p;
    }

    @Test
    void localSchemaAndS3SecureMigrationsApplyAndStatusShowsEachSource(TestDatabase db) throws Exception {
        SecureProject p = project(db);
        p.putObject(SecureProject.STG, "20240102000000_load_office_users.up.sql",
                "INSERT INTO office_users (email) VALUES ('real.person@agency.example.mil');\n");
        // stg must not get the second one: an empty placeholder of the same name.
        p.putObject(SecureProject.STG, "20240104000000_only_prd_users.up.sql", "");

        CliRun migrate = p.run("migrate", "--env", "stg");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("applied 4 migration(s) to stg")
                .contains("applying 20240104000000_only_prd_users.up.sql ... ok");
        assertThat(db.column("SELECT email FROM office_users ORDER BY id")).containsExactly("real.person@agency.example.mil");
        assertThat(db.column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("20240101000000 true", "20240102000000 true", "20240103000000 true", "20240104000000 true");

        CliRun status = p.run("status", "--env", "stg", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        Map<String, JsonNode> rows = new HashMap<>();
        new ObjectMapper().readTree(status.out()).forEach(r -> rows.put(r.get("version").asText(), r));
        assertThat(rows).hasSize(4);
        assertThat(rows.get("20240101000000").get("source").asText()).isEqualTo("db/schema");
        assertThat(rows.get("20240103000000").get("source").asText()).isEqualTo("db/schema");
        assertThat(rows.get("20240102000000").get("source").asText()).isEqualTo(SecureProject.STG);
        assertThat(rows.get("20240104000000").get("source").asText()).isEqualTo(SecureProject.STG);
        assertThat(rows.get("20240102000000").get("kind").asText()).isEqualTo("secure");
        assertThat(rows.get("20240101000000").get("kind").asText()).isNotEqualTo("secure");
        rows.values().forEach(r -> assertThat(r.get("state").asText()).isEqualTo("applied"));

        CliRun table = p.run("status", "--env", "stg");
        assertThat(table.out()).contains(SecureProject.STG).contains("db/schema").contains("4 applied, 0 pending");
        assertThat(status.out() + table.out()).doesNotContain("real.person");

        CliRun again = p.run("migrate", "--env", "stg");
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("nothing to migrate");
    }

    @Test
    void devRunsTheScrubbedCopiesFromTheLocalSecureFolder(TestDatabase db) {
        SecureProject p = project(db);
        CliRun migrate = p.run("migrate");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(db.column("SELECT email FROM office_users ORDER BY id"))
                .containsExactly("fake.user@example.com", "another.fake@example.com");
    }

    @Test
    void aSecureMigrationMissingFromS3IsAnErrorNamingTheManifestLine(TestDatabase db) {
        SecureProject p = project(db);
        p.putObject(SecureProject.STG, "20240102000000_load_office_users.up.sql", "SELECT 1;");

        CliRun migrate = p.run("migrate", "--env", "stg");
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(3);
        assertThat(migrate.err()).contains("manifest.txt:4: 20240104000000_only_prd_users.up.sql is listed but is in none of"
                + " the paths").contains(SecureProject.STG).contains("nothing applied");
        assertThat(db.tableExists("office_users")).isFalse();
    }

    @Test
    void accessDeniedByS3IsAClearErrorThatNeverShowsTheSecretKey(TestDatabase db) {
        SecureProject p = project(db);
        p.putObject(SecureProject.STG, "20240102000000_load_office_users.up.sql", "SELECT 1;");
        p.putObject(SecureProject.STG, "20240104000000_only_prd_users.up.sql", "");
        p.withConfig("not-the-right-secret-41b7", "");

        CliRun migrate = p.run("migrate", "--env", "stg");
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(3);
        assertThat(migrate.err()).contains(SecureProject.STG).contains("Access denied while listing")
                .contains("check the credentials");
        assertThat(migrate.out() + migrate.err()).doesNotContain("not-the-right-secret-41b7");
        assertThat(db.tableExists("office_users")).isFalse();

        CliRun list = p.run("secure", "list", "--env", "stg");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(2);
        assertThat(list.err()).contains("environment stg").contains("Access denied");
        assertThat(list.out() + list.err()).doesNotContain("not-the-right-secret-41b7");
    }
}
