package dev.bascule.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Boot application as a user writes one: the starter on the class path, migrations in db/migration. */
@SpringBootApplication
public class TestApplication {
}
