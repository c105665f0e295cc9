package dev.bascule.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUrlsTest {

    @Test
    void anotherDatabaseOfTheSameServerKeepsUserPasswordAndParameters() {
        assertThat(DatabaseUrls.withDatabase("jdbc:postgresql://h:5433/postgres?sslmode=require&password=x", "tenant_1"))
                .isEqualTo("jdbc:postgresql://h:5433/tenant_1?sslmode=require&password=x");
        assertThat(DatabaseUrls.withDatabase("jdbc:postgresql://h1:5432,h2:5432/?targetServerType=primary", "t"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5432/t?targetServerType=primary");
        assertThat(DatabaseUrls.withDatabase("jdbc:postgresql://h", "t")).isEqualTo("jdbc:postgresql://h/t");
        assertThat(DatabaseUrls.withDatabase("jdbc:postgresql:postgres", "t")).isEqualTo("jdbc:postgresql:t");
        assertThat(DatabaseUrls.withDatabase("postgres://u:p%40ss@h:6432/app?sslmode=disable", "tenant 2"))
                .isEqualTo("postgres://u:p%40ss@h:6432/tenant%202?sslmode=disable");
    }

    @Test
    void namesAreHostPortAndDatabaseWithoutCredentials() {
        assertThat(DatabaseUrls.name("postgres://u:secret@Db.Example:6432/app")).isEqualTo("Db.Example:6432/app");
        assertThat(DatabaseUrls.name("jdbc:postgresql://DB.example/app?password=secret")).isEqualTo("db.example:5432/app");
        assertThat(DatabaseUrls.identity("jdbc:postgresql://h:5432/tenant%202")).isEqualTo("h:5432/tenant 2");
    }
}
