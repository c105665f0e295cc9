package dev.bascule.pop;

import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.ScriptFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With bascule-pop on the class path, {@code .fizz} files are migrations whose SQL is their translation. */
class FizzFormatTest {

    @Test
    void fizzFilesAreMigrationsOfTheFizzFormat() {
        MigrationFileName name = MigrationFileName.parse("20180103215841_create_issues.up.fizz").value().orElseThrow();
        assertThat(name.format().extension()).isEqualTo("fizz");
        assertThat(name.format().isSql()).isFalse();
        assertThat(ScriptFormat.sqlOf(name, "x.up.fizz", "create_table(\"b\") {\n  t.Column(\"id\", \"uuid\", {primary: true})\n}\n"))
                .contains("CREATE TABLE \"b\"");
    }
}
