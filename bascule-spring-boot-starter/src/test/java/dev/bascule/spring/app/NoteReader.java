package dev.bascule.spring.app;

import jakarta.annotation.PostConstruct;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the migrated table in {@code @PostConstruct}. */
@Component
@ConditionalOnProperty(name = "app.repositories", havingValue = "true", matchIfMissing = true)
public class NoteReader {

    private final JdbcTemplate jdbc;
    private String firstNote;

    public NoteReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PostConstruct
    void read() {
        firstNote = jdbc.queryForObject("SELECT body FROM notes ORDER BY id LIMIT 1", String.class);
    }

    public String firstNote() {
        return firstNote;
    }
}
