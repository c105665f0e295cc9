package dev.bascule.cli;

import dev.bascule.aws.S3TestServer;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every command that reads a secure migration (migrate, status, status --json, validate, exec, secure
 * upload/download/list) with secure files that succeed, fail in PostgreSQL (whose messages quote values and names)
 * and do not split, then greps everything printed: the CLI's stdout and stderr and the process's own
 * System.out/System.err, where library logging goes. No secret marker may appear anywhere.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SecureOutputSecrecyTest {

    private static final String[] SECRETS = {"SECRET-OK-9f2b", "SECRET-CAST-4411", "SECRET-SYNTAX-77", "SECRET-REL-31",
            "SECRET-DUP-c0de", "SECRET-EXEC-e1e1"};

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @TempDir
    Path tmp;

    @Test
    void noCommandPrintsTheTextOrQuotedValuesOfASecureMigration(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("db/schema/20240101000000_create.up.sql", "CREATE TABLE office_users (email text UNIQUE);\n");
        p.write("db/secure/20240102000000_ok.up.sql", "SELECT 1;\n");
        p.write("db/secure/20240104000000_bad.up.sql", "SELECT 1;\n");
        p.write("db/manifest.txt", "20240101000000_create.up.sql\n20240102000000_ok.up.sql\n20240104000000_bad.up.sql\n");
        p.putObject(SecureProject.STG, "20240102000000_ok.up.sql",
                "INSERT INTO office_users VALUES ('SECRET-OK-9f2b@agency.mil'), ('SECRET-DUP-c0de@agency.mil');\n");

        List<CliRun> runs = new ArrayList<>();
        ByteArrayOutputStream process = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        PrintStream capture = new PrintStream(process, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            // PostgreSQL quotes the value that does not cast.
            p.putObject(SecureProject.STG, "20240104000000_bad.up.sql", "-- load\nSELECT 'SECRET-CAST-4411'::int;\n");
            CliRun cast = record(runs, p.run("migrate", "--env", "stg"));
            assertThat(cast.exitCode()).as(cast.toString()).isEqualTo(1);
            assertThat(cast.err()).contains(SecureProject.STG + "/20240104000000_bad.up.sql:2: ERROR: invalid input syntax"
                    + " for type integer: \"***\"").contains("SQLSTATE: 22P02");

            // The unique violation's DETAIL would quote the row; PostgreSQL quotes the relation name.
            p.putObject(SecureProject.STG, "20240104000000_bad.up.sql",
                    "INSERT INTO office_users VALUES ('SECRET-DUP-c0de@agency.mil');\n");
            CliRun dup = record(runs, p.run("migrate", "--env", "stg"));
            assertThat(dup.exitCode()).as(dup.toString()).isEqualTo(1);
            assertThat(dup.err()).contains("20240104000000_bad.up.sql:1: ERROR: duplicate key value violates unique"
                    + " constraint \"***\"").contains("SQLSTATE: 23505");

            p.putObject(SecureProject.STG, "20240104000000_bad.up.sql", "SELECT * FROM \"SECRET-REL-31\";\n");
            CliRun relation = record(runs, p.run("migrate", "--env", "stg"));
            assertThat(relation.exitCode()).as(relation.toString()).isEqualTo(1);
            assertThat(relation.err()).contains("20240104000000_bad.up.sql:1: ERROR: relation \"***\" does not exist")
                    .contains("SQLSTATE: 42P01");

            // The file does not split: an unterminated string holding the secret.
            p.putObject(SecureProject.STG, "20240104000000_bad.up.sql", "SELECT 1;\nINSERT INTO office_users VALUES ('SECRET-SYNTAX-77);\n");
            CliRun validate = record(runs, p.run("validate", "--env", "stg"));
            assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(3);
            assertThat(validate.err()).contains(SecureProject.STG + "/20240104000000_bad.up.sql:2: column");
            CliRun syntax = record(runs, p.run("migrate", "--env", "stg"));
            assertThat(syntax.exitCode()).isEqualTo(3);

            record(runs, p.run("status", "--env", "stg"));
            record(runs, p.run("status", "--env", "stg", "--json"));
            p.putObject(SecureProject.STG, "20240104000000_bad.up.sql", "SELECT 1;\n");
            CliRun valid = record(runs, p.run("validate", "--env", "stg"));
            assertThat(valid.exitCode()).as(valid.toString()).isZero();
            CliRun done = record(runs, p.run("migrate", "--env", "stg"));
            assertThat(done.exitCode()).as(done.toString()).isZero();
            record(runs, p.run("status", "--env", "stg", "--json"));

            record(runs, p.run("secure", "list"));
            record(runs, p.run("secure", "download", "20240102000000_ok.up.sql", "--environments", "stg"));
            p.write("tmp/20240105000000_exec.up.sql", "SELECT 'SECRET-EXEC-e1e1'::int;\n");
            CliRun exec = record(runs, p.run("exec", "tmp/20240105000000_exec.up.sql", "--env", "dev"));
            assertThat(exec.exitCode()).isEqualTo(1);
            record(runs, p.run("secure", "upload", "tmp/20240105000000_exec.up.sql", "--environments", "prd", "--yes"));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(db.column("SELECT count(*) FROM office_users")).containsExactly("2");
        StringBuilder everything = new StringBuilder(process.toString(StandardCharsets.UTF_8));
        runs.forEach(r -> everything.append(r.out()).append(r.err()));
        assertThat(runs).hasSizeGreaterThanOrEqualTo(14);
        for (String secret : SECRETS) {
            assertThat(everything.toString()).as("all output").doesNotContain(secret).doesNotContain(secret.toLowerCase());
        }
        assertThat(everything.toString()).doesNotContain("agency.mil");
    }

    private static CliRun record(List<CliRun> runs, CliRun run) {
        runs.add(run);
        return run;
    }
}
