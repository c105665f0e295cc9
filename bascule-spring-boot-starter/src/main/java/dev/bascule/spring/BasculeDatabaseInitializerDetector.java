package dev.bascule.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Spring Boot that {@link BasculeMigrationInitializer} beans initialize the database, so beans that depend on
 * database initialization are created after them (registered in {@code META-INF/spring.factories}).
 */
public class BasculeDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector
        implements DatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(BasculeMigrationInitializer.class);
    }
}
