package dev.bascule.spring;

import dev.bascule.spring.app.TestApplication;
import dev.bascule.testing.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** Starts the test application for real against a test database, with extra properties. */
final class BootApp {

    private BootApp() {
    }

    static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        return start(WebApplicationType.NONE, db, List.of(), properties);
    }

    static ConfigurableApplicationContext start(WebApplicationType web, TestDatabase db, List<Class<?>> extraSources,
                                                String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + db.url(),
                "spring.datasource.username=postgres",
                "spring.main.banner-mode=off",
                "spring.datasource.hikari.maximum-pool-size=2"));
        all.addAll(List.of(properties));
        List<Class<?>> sources = new ArrayList<>(List.of(TestApplication.class));
        sources.addAll(extraSources);
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(web)
                .properties(all.toArray(String[]::new)).run();
    }
}
