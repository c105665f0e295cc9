package dev.bascule.spring;

import dev.bascule.Bascule;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.plan.Plan;
import org.springframework.beans.factory.InitializingBean;

import java.util.List;

/**
 * Runs Bascule when the context creates it, before every bean that uses the database: the starter registers it
 * with Spring Boot's database-initialization ordering ({@link BasculeDatabaseInitializerDetector}), as Boot does
 * for Flyway's initializer, so JdbcTemplate, JPA and jOOQ beans (and any bean marked
 * {@code @DependsOnDatabaseInitialization}) are created after it.
 */
public class BasculeMigrationInitializer implements InitializingBean {

    private final Bascule bascule;
    private final BasculeProperties.Mode mode;

    public BasculeMigrationInitializer(Bascule bascule, BasculeProperties.Mode mode) {
        this.bascule = bascule;
        this.mode = mode;
    }

    @Override
    public void afterPropertiesSet() {
        if (mode == BasculeProperties.Mode.VALIDATE) {
            validate();
        } else {
            bascule.migrate();
        }
    }

    /** Everything {@code validate} checks, and no pending migration: this instance expects them applied already. */
    private void validate() {
        Plan plan = bascule.validate();
        if (!plan.toApply().isEmpty()) {
            List<Problem> pending = plan.toApply().stream().map(BasculeMigrationInitializer::pending).toList();
            throw new BasculeException.ValidationFailed(pending);
        }
    }

    private static Problem pending(Migration migration) {
        return Problem.of(migration.fileName(), "pending: bascule.mode=validate applies nothing; apply it first"
                + " (bascule migrate, bascule:migrate, or an instance with bascule.mode=migrate)");
    }
}
