package dev.bascule.cli;

import dev.bascule.aws.S3TestServer;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bascule exec FILE --env ENV}: runs a file like psql, records nothing, only where allowed. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExecCommandTest {

    @RegisterExtension
    final S3ProxyExtension server = S3TestServer.extension();

    @TempDir
    Path tmp;

    @Test
    void runsTheFileWithoutTouchingTheHistory(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("tmp/20240102000000_load.up.sql", "CREATE TABLE office_users (email text UNIQUE);\n"
                + "INSERT INTO office_users VALUES ('a@example.mil');\n"
                + "COPY office_users (email) FROM STDIN;\nb@example.mil\n\\.\n");

        CliRun exec = p.run("exec", "tmp/20240102000000_load.up.sql", "--env", "dev");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.out()).contains("ran 3 statement(s) of tmp/20240102000000_load.up.sql on dev")
                .contains("nothing was recorded in the history");
        assertThat(db.column("SELECT email FROM office_users ORDER BY email")).containsExactly("a@example.mil", "b@example.mil");
        assertThat(db.tableExists("bascule_schema_migrations")).isFalse();
    }

    @Test
    void refusesEnvironmentsNotMarkedAllowExec(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("tmp/20240102000000_load.up.sql", "CREATE TABLE should_not_exist (id int);\n");

        CliRun stg = p.run("exec", "tmp/20240102000000_load.up.sql", "--env", "stg");
        assertThat(stg.exitCode()).as(stg.toString()).isEqualTo(2);
        assertThat(stg.err()).contains("environment 'stg' is not marked 'allow-exec: true'");

        CliRun noEnv = p.run("exec", "tmp/20240102000000_load.up.sql");
        assertThat(noEnv.exitCode()).isEqualTo(2);
        assertThat(noEnv.err()).contains("name the environment with --env");

        CliRun byUrl = CliRun.run(tmp, "exec", "tmp/20240102000000_load.up.sql", "--env", "dev", "--config", "missing.yml");
        assertThat(byUrl.exitCode()).isEqualTo(2);
        assertThat(db.tableExists("should_not_exist")).isFalse();
    }

    @Test
    void aFailingStatementExitsOneWithFileLineAndStateAndKeepsWhatRanBefore(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("tmp/20240102000000_load.up.sql", "CREATE TABLE office_users (email text UNIQUE);\n"
                + "INSERT INTO office_users VALUES ('dup-7c1e@example.mil');\n"
                + "INSERT INTO office_users\n  VALUES ('dup-7c1e@example.mil');\n");

        CliRun exec = p.run("exec", "tmp/20240102000000_load.up.sql", "--env", "dev");
        assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(1);
        assertThat(exec.err()).contains("tmp/20240102000000_load.up.sql:3: ERROR: duplicate key value violates unique"
                + " constraint \"***\"").contains("SQLSTATE: 23505").contains("the 2 statement(s) before this one stay applied");
        assertThat(exec.out() + exec.err()).doesNotContain("dup-7c1e");
        assertThat(db.column("SELECT count(*) FROM office_users")).containsExactly("1");
    }

    @Test
    void theFilesOwnTransactionIsHonouredAndRolledBackWhenItFails(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("tmp/20240102000000_tx.up.sql", "CREATE TABLE before_tx (id int);\nBEGIN;\nCREATE TABLE inside_tx (id int);\n"
                + "SELECT 1 / 0;\nCOMMIT;\n");
        CliRun exec = p.run("exec", "tmp/20240102000000_tx.up.sql", "--env", "dev");
        assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(1);
        assertThat(exec.err()).contains("tmp/20240102000000_tx.up.sql:4: ERROR: division by zero");
        assertThat(db.tableExists("before_tx")).isTrue();
        assertThat(db.tableExists("inside_tx")).isFalse();

        p.write("tmp/20240103000000_tx.up.sql", "BEGIN;\nCREATE TABLE committed_tx (id int);\nCOMMIT;\n");
        CliRun ok = p.run("exec", "tmp/20240103000000_tx.up.sql", "--env", "dev");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(db.tableExists("committed_tx")).isTrue();
    }

    @Test
    void aSyntaxErrorRunsNothing(TestDatabase db) {
        SecureProject p = new SecureProject(tmp, db, server).withConfig();
        p.write("tmp/20240102000000_load.up.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES ('unterminated-5d2a);\n");
        CliRun exec = p.run("exec", "tmp/20240102000000_load.up.sql", "--env", "dev");
        assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(2);
        assertThat(exec.err()).contains("tmp/20240102000000_load.up.sql:2: column").contains("nothing was run");
        assertThat(exec.out() + exec.err()).doesNotContain("unterminated-5d2a");
        assertThat(db.tableExists("t")).isFalse();
    }
}
