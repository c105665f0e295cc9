package dev.bascule.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Database#withDatabaseName}: another database on the same server, hosts and parameters kept. */
class ShadowDatabaseUrlTest {

    private static String renamed(String url) {
        return new Database(url, "app", "secret").withDatabaseName("bascule_shadow_x").url();
    }

    @Test
    void onlyTheDatabaseNameChanges() {
        assertThat(renamed("jdbc:postgresql://db:5432/app")).isEqualTo("jdbc:postgresql://db:5432/bascule_shadow_x");
        assertThat(renamed("jdbc:postgresql://db/app?sslmode=require&password=p"))
                .isEqualTo("jdbc:postgresql://db/bascule_shadow_x?sslmode=require&password=p");
        assertThat(renamed("jdbc:postgresql://a:5432,b:5433/app?targetServerType=primary"))
                .isEqualTo("jdbc:postgresql://a:5432,b:5433/bascule_shadow_x?targetServerType=primary");
        assertThat(renamed("jdbc:postgresql://[::1]:5432/")).isEqualTo("jdbc:postgresql://[::1]:5432/bascule_shadow_x");
        assertThat(renamed("jdbc:postgresql://db")).isEqualTo("jdbc:postgresql://db/bascule_shadow_x");
        assertThat(renamed("jdbc:postgresql:app")).isEqualTo("jdbc:postgresql:bascule_shadow_x");
        Database shadow = new Database("jdbc:postgresql://db/app", "app", "secret").withDatabaseName("s");
        assertThat(shadow.user()).isEqualTo("app");
        assertThat(shadow.describe()).doesNotContain("secret");
    }
}
