package dev.bascule.testing;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method once per PostgreSQL major of the matrix (13 to 18, or the subset chosen with
 * {@code -Dbascule.pg.majors=13,18}); each run may take a {@link TestDatabase} (a fresh database on a server of
 * that major) and the {@link PostgresMajor} as parameters:
 *
 * <pre>{@code
 * @PostgresMatrixTest
 * void migrates(PostgresMajor major, TestDatabase db) { ... }
 * }</pre>
 *
 * <p>A class may mix these with ordinary {@code @Test} methods under {@link EmbeddedPostgresExtension}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(PostgresMatrix.class)
public @interface PostgresMatrixTest {

    /** The oldest major this test runs on, for features PostgreSQL gained later (e.g. 15 for MERGE). */
    int from() default 13;
}
