package dev.bascule.spring;

import dev.bascule.Settings;

/**
 * A bean changing Bascule's settings after {@code bascule.*} are applied and before the facade is built: anything
 * the Java API offers ({@code builder.stages(...)}, {@code builder.sourceSetting(...)}, another DataSource).
 * Several run in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface BasculeConfigurationCustomizer {

    void customize(Settings.Builder builder);
}
