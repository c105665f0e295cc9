package dev.bascule.spring.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Queries the migrated table in its constructor: it exists only if Bascule ran before this bean was made. */
@Repository
@ConditionalOnProperty(name = "app.repositories", havingValue = "true", matchIfMissing = true)
public class ThingRepository {

    private final long thingsAtStartup;

    public ThingRepository(JdbcTemplate jdbc) {
        this.thingsAtStartup = jdbc.queryForObject("SELECT count(*) FROM things", Long.class);
    }

    public long thingsAtStartup() {
        return thingsAtStartup;
    }
}
