package dev.bascule.lint.fix;

import dev.bascule.testing.PostgresMajor;
import dev.bascule.testing.PostgresMatrixTest;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fix whose safety depends on the server, on PostgreSQL 13 to 18: SET NOT NULL skips its scan only when a valid
 * CHECK proves the column has no NULL (12+), and PostgreSQL 18 catalogues NOT NULL as a named constraint of its own.
 */
class LintFixMatrixTest {

    @TempDir
    Path tmp;

    @PostgresMatrixTest
    void notNullThroughAValidatedCheckNeverScansUnderAccessExclusive(PostgresMajor major, TestDatabase db) {
        LintFixTraceTest.fixTraceAndApply(db, tmp, "setting-not-null");
        assertThat(db.column("SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                + " AND attname = 'customer_id'")).as(major.toString()).containsExactly("true");
    }
}
