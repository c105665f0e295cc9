package dev.bascule.inspect;

import dev.bascule.error.Problem;
import dev.bascule.sql.ScriptParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule down-drops-uncreated-data on pairs of up and down texts. */
class DownDataRuleTest {

    private static List<String> findings(String up, String down) {
        return findings(up, down, false);
    }

    private static List<String> findings(String up, String down, boolean secret) {
        return DownDataRule.check("9_x.up.sql", ScriptParser.parse("9_x.up.sql", up), ScriptParser.parse("9_x.down.sql", down),
                secret).stream().map(Problem::toString).toList();
    }

    @Test
    void dropsOfWhatTheUpCreatedPass() {
        assertThat(findings("CREATE TABLE IF NOT EXISTS app.moves (id int);\nALTER TABLE legs ADD COLUMN IF NOT EXISTS note text,"
                        + " ADD CONSTRAINT legs_note CHECK (note <> '');\nCREATE SCHEMA audit;",
                "DROP TABLE moves CASCADE;\nALTER TABLE public.legs DROP CONSTRAINT legs_note, DROP COLUMN note;\n"
                        + "TRUNCATE app.moves;\nDROP SCHEMA audit CASCADE;\nALTER TABLE moves DROP COLUMN anything;"))
                .isEmpty();
    }

    @Test
    void aDownDroppingATableOrColumnTheUpDidNotCreateIsFlaggedWithItsLine() {
        assertThat(findings("ALTER TABLE moves ADD COLUMN note text;",
                "ALTER TABLE moves DROP COLUMN note, DROP COLUMN IF EXISTS status;\nDROP TABLE IF EXISTS legs, moves;\n"
                        + "TRUNCATE ONLY shipments;\nDROP SCHEMA old CASCADE;\nDROP SCHEMA empty;"))
                .containsExactly(
                        "9_x.down.sql:1: drops column moves.status, which 9_x.up.sql did not create: undoing the migration"
                                + " would destroy data that was there before it (rule down-drops-uncreated-data); make the"
                                + " down undo only what the up did",
                        "9_x.down.sql:2: drops table legs, which 9_x.up.sql did not create: undoing the migration would"
                                + " destroy data that was there before it (rule down-drops-uncreated-data); make the down"
                                + " undo only what the up did",
                        "9_x.down.sql:2: drops table moves, which 9_x.up.sql did not create: undoing the migration would"
                                + " destroy data that was there before it (rule down-drops-uncreated-data); make the down"
                                + " undo only what the up did",
                        "9_x.down.sql:3: drops the rows of table shipments, which 9_x.up.sql did not create: undoing the"
                                + " migration would destroy data that was there before it (rule down-drops-uncreated-data);"
                                + " make the down undo only what the up did",
                        "9_x.down.sql:4: drops schema old and everything in it (CASCADE), which 9_x.up.sql did not create:"
                                + " undoing the migration would destroy data that was there before it (rule"
                                + " down-drops-uncreated-data); make the down undo only what the up did");
    }

    @Test
    void namesCompareAsPostgresFoldsThemAndRenamesDoNotCreate() {
        assertThat(findings("CREATE TABLE \"Moves\" (id int);", "DROP TABLE moves;")).singleElement().asString()
                .contains("drops table moves,");
        assertThat(findings("CREATE TABLE MOVES (id int);", "DROP TABLE \"moves\";")).isEmpty();
        assertThat(findings("CREATE TABLE app.moves (id int);", "DROP TABLE other.moves;")).singleElement().asString()
                .contains("drops table other.moves,");
        assertThat(findings("ALTER TABLE moves RENAME TO trips;", "DROP TABLE trips;")).singleElement().asString()
                .contains("drops table trips,");
        assertThat(findings("ALTER TABLE moves RENAME COLUMN a TO b;", "ALTER TABLE moves RENAME COLUMN b TO a;")).isEmpty();
    }

    @Test
    void aSecureMigrationsFindingNamesNoObject() {
        assertThat(findings("SELECT 1;", "DROP TABLE secret_payroll;", true)).singleElement().asString()
                .contains("drops table (secure migration: names not shown)").doesNotContain("payroll");
    }
}
