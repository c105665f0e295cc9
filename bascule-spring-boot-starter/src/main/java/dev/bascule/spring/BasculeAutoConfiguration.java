package dev.bascule.spring;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;

/**
 * Bascule on start-up: a {@link Bascule} bean configured from {@code bascule.*} (on the application's
 * {@link DataSource} unless {@code bascule.url} names another database), then any
 * {@link BasculeConfigurationCustomizer}, and a {@link BasculeMigrationInitializer} that migrates (or validates)
 * before the beans that use the database. Progress goes to the application's log (logger {@code dev.bascule}).
 * {@code bascule.enabled=false} switches it all off.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Bascule.class)
@ConditionalOnProperty(prefix = "bascule", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BasculeProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class BasculeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Bascule bascule(BasculeProperties properties, ObjectProvider<DataSource> dataSource,
                           ObjectProvider<BasculeConfigurationCustomizer> customizers) {
        Settings.Builder builder = Bascule.configure()
                .environment("spring")
                .locations(properties.getLocations().toArray(String[]::new))
                .secureLocations(properties.getSecureLocations().toArray(String[]::new))
                .schemas(properties.getSchemas().toArray(String[]::new))
                .historyTable(properties.getHistorySchema(), properties.getHistoryTable())
                .dev(properties.isDev())
                .lockWait(properties.getLockWait())
                .lockTimeout(properties.getLockTimeout())
                .statementTimeout(properties.getStatementTimeout());
        if (properties.getManifest() != null) {
            builder.manifest(properties.getManifest());
        }
        if (properties.getTarget() != null) {
            builder.target(target(properties.getTarget()));
        }
        if (properties.getRole() != null) {
            builder.role(properties.getRole());
        }
        if (properties.getAdopt() != null) {
            builder.adopt(properties.getAdopt());
        }
        if (properties.getUrl() != null) {
            builder.dataSource(properties.getUrl(), properties.getUser(), properties.getPassword());
        } else {
            builder.dataSource(applicationDataSource(dataSource));
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.load();
    }

    private static Version target(String target) {
        try {
            return Version.parse(target);
        } catch (IllegalArgumentException e) {
            throw new BasculeException.Configuration("bascule.target: " + e.getMessage());
        }
    }

    private static DataSource applicationDataSource(ObjectProvider<DataSource> dataSource) {
        DataSource unique = dataSource.getIfUnique();
        if (unique == null) {
            throw new BasculeException.Configuration("bascule: no database to migrate: the application has "
                    + (dataSource.stream().findAny().isPresent() ? "several DataSource beans and none is @Primary"
                    : "no DataSource bean") + "; set spring.datasource.url (or mark one DataSource @Primary), set"
                    + " bascule.url, choose one in a BasculeConfigurationCustomizer, or set bascule.enabled=false");
        }
        return unique;
    }

    @Bean
    @ConditionalOnMissingBean
    public BasculeMigrationInitializer basculeMigrationInitializer(Bascule bascule, BasculeProperties properties) {
        return new BasculeMigrationInitializer(bascule, properties.getMode());
    }
}
