package dev.bascule.catalog;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationFileNameTest {

    @Test
    void parsesFourteenAndTwentyDigitVersionsAndComparesThemNumerically() {
        MigrationFileName a = MigrationFileName.parse("20240105120000_add_status_to_moves.up.sql").value().orElseThrow();
        MigrationFileName b = MigrationFileName.parse("20240105120000000001_x.up.sql").value().orElseThrow();
        assertThat(a.version().value()).isEqualTo(new BigInteger("20240105120000"));
        assertThat(a.name()).isEqualTo("add_status_to_moves");
        assertThat(a.direction()).isEqualTo(MigrationFileName.Direction.UP);
        assertThat(b.version()).isGreaterThan(a.version());
        assertThat(Version.parse("9")).isLessThan(Version.parse("10"));
    }

    @Test
    void takesRealWorldNamesAsTheyAre() {
        assertThat(MigrationFileName.parse("20180503163546_add-office-users-#162792520.up.sql").value().orElseThrow().name())
                .isEqualTo("add-office-users-#162792520");
        assertThat(MigrationFileName.parse("20250103130619_B-22706_tbl_x.up.sql").value().orElseThrow().name())
                .isEqualTo("B-22706_tbl_x");
        // Other formats come from modules (bascule-pop adds .fizz): the core alone knows plain SQL only.
        assertThat(MigrationFileName.parse("20180103215841_create_issues.up.fizz").value()).isEmpty();
        assertThat(MigrationFileName.parse("1_init.down.sql").value().orElseThrow().direction())
                .isEqualTo(MigrationFileName.Direction.DOWN);
    }

    @Test
    void explainsNamesThatDoNotParse() {
        assertThat(MigrationFileName.parse("create_users.up.sql").error()).contains("numeric version");
        assertThat(MigrationFileName.parse("2024_x.sql").error()).contains(".up.sql");
        assertThat(MigrationFileName.parse("123456789012345678901_x.up.sql").error()).contains("21 digits");
        assertThat(MigrationFileName.parse("0000_x.up.sql").error()).contains("positive");
        assertThat(MigrationFileName.parse("2024_.up.sql").error()).contains("empty");
        assertThat(MigrationFileName.parse("v2024_x.up.sql").error()).contains("numeric version");
    }
}
