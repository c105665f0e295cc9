package dev.bascule.generate;

import dev.bascule.Bascule;
import dev.bascule.catalog.Stage;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Location;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code gen data-migration}: a data migration in the data stage; from a CSV, INSERTs with ids fixed at generation. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DataMigrationGeneratorTest {

    private static final Pattern UUID_LITERAL = Pattern.compile("\\('([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})'");

    @TempDir
    Path tmp;

    private static final String CSV = "code,name,note\r\n"
            + "A1,\"Fort Bragg, NC\",plain\r\n"
            + "B2,\"The \"\"Yard\"\"\",\"two\nlines\"\r\n"
            + "C3,Zürich,\r\n"
            + "D4,,\"\"\r\n"
            + "E5,it's,back\\slash\r\n";

    private MigrationFolder schema(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("migrations"));
        m.write("20200101000000_create_locations.up.sql", "CREATE TABLE duty_locations (id uuid PRIMARY KEY,"
                + " code text NOT NULL, name text, note text);");
        Bascule.configure().database(db.admin()).locations(m.path()).load().migrate();
        return m;
    }

    private Bascule bascule(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).locations(m.path()).baseDir(tmp).load();
    }

    @Test
    void aCsvBecomesInsertsWithIdsFixedNowAndAppliesToExactlyItsRows(TestDatabase db) throws IOException {
        MigrationFolder m = schema(db);
        Files.writeString(tmp.resolve("locations.csv"), CSV, StandardCharsets.UTF_8);
        GeneratedFiles files = bascule(db, m).newDataMigration("add_duty_locations", Optional.empty(),
                Optional.of(new DataMigrationGenerator.FromCsv(Path.of("locations.csv"), "duty_locations")));
        Path file = files.files().get(0).path();
        assertThat(file.getParent()).isEqualTo(m.dir());
        assertThat(file.getFileName().toString()).matches("\\d{14}_add_duty_locations\\.up\\.sql");
        String sql = Files.readString(file);
        assertThat(sql).startsWith("-- bascule:data\n-- add_duty_locations\n");
        assertThat(sql.substring(sql.indexOf("INSERT"))).doesNotContain("uuid_generate").doesNotContain("gen_random_uuid");
        assertThat(files.notes()).containsExactly("5 row(s) of locations.csv into duty_locations; ids generated now,"
                + " the same in every environment");
        List<String> ids = new ArrayList<>();
        Matcher matcher = UUID_LITERAL.matcher(sql);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();

        assertThat(bascule(db, m).migrate().applied()).singleElement()
                .satisfies(x -> assertThat(x.kind().label()).isEqualTo("data"));
        assertThat(db.column("SELECT concat_ws('|', id, code, coalesce(name, '<null>'), coalesce(note, '<null>'))"
                + " FROM duty_locations ORDER BY code")).containsExactly(
                ids.get(0) + "|A1|Fort Bragg, NC|plain",
                ids.get(1) + "|B2|The \"Yard\"|two\nlines",
                ids.get(2) + "|C3|Zürich|<null>",
                ids.get(3) + "|D4|<null>|",
                ids.get(4) + "|E5|it's|back\\slash");
    }

    @Test
    void withoutACsvItIsAnEmptyDataMigrationInTheDataStageListedInItsManifest() throws IOException {
        Path schemaDir = Files.createDirectories(tmp.resolve("schema"));
        Path dataDir = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data.txt"), "");
        Bascule bascule = Bascule.configure().baseDir(tmp).stages(List.of(
                new Stage(0, "ddl", List.of(Location.local(schemaDir)), Set.of(), Optional.empty(),
                        Stage.Mode.VERSIONED, Stage.Rerun.ON_CHANGE, false),
                new Stage(1, "dml", List.of(Location.local(dataDir)), Set.of(),
                        Optional.of(tmp.resolve("data.txt").toString()), Stage.Mode.VERSIONED, Stage.Rerun.ON_CHANGE, true)))
                .load();
        GeneratedFiles files = bascule.newDataMigration("fix_statuses", Optional.empty(), Optional.empty());
        Path file = files.files().get(0).path();
        assertThat(file.getParent()).isEqualTo(dataDir);
        assertThat(Files.readString(file)).startsWith("-- bascule:data\n").doesNotContain("INSERT");
        assertThat(Files.readAllLines(tmp.resolve("data.txt"))).containsExactly(file.getFileName().toString());
        assertThat(bascule.catalog().migrations()).singleElement().satisfies(x -> assertThat(x.kind().label()).isEqualTo("data"));
    }

    @Test
    void raggedRowsBadBytesAndUnknownColumnsAreEachReportedWithFileAndLine(TestDatabase db) throws IOException {
        MigrationFolder m = schema(db);
        Files.writeString(tmp.resolve("ragged.csv"), "code,name\nA1,one\nB2\nC3,three,extra\n");
        assertThatThrownBy(() -> generate(db, m, "ragged.csv", "duty_locations"))
                .isInstanceOfSatisfying(BasculeException.ValidationFailed.class, e -> assertThat(e.problems())
                        .extracting(Object::toString).containsExactly(
                                "ragged.csv:3: this row has 1 value(s), the header (line 1) names 2 column(s): give every"
                                        + " row one value per column (an empty field for NULL)",
                                "ragged.csv:4: this row has 3 value(s), the header (line 1) names 2 column(s): give every"
                                        + " row one value per column (an empty field for NULL)"));
        Files.write(tmp.resolve("latin1.csv"), new byte[]{'c', 'o', 'd', 'e', '\n', 'Z', (byte) 0xFC, 'r', '\n'});
        assertThatThrownBy(() -> generate(db, m, "latin1.csv", "duty_locations"))
                .hasMessageContaining("latin1.csv:2: not UTF-8");
        Files.writeString(tmp.resolve("columns.csv"), "code,nmae\nA1,one\n");
        assertThatThrownBy(() -> generate(db, m, "columns.csv", "duty_locations"))
                .hasMessageContaining("columns.csv:1: column nmae is not a column of duty_locations (its columns: id,"
                        + " code, name, note)");
        assertThatThrownBy(() -> generate(db, m, "columns.csv", "duty_stations"))
                .hasMessageContaining("--table duty_stations: no such table in");
        Files.writeString(tmp.resolve("quote.csv"), "code,name\nA1,\"never closed\n");
        assertThatThrownBy(() -> generate(db, m, "quote.csv", "duty_locations"))
                .hasMessageContaining("quote.csv:2: not valid CSV");
        try (var listing = Files.list(m.dir())) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("nothing generated")
                    .containsExactly("20200101000000_create_locations.up.sql");
        }
    }

    private GeneratedFiles generate(TestDatabase db, MigrationFolder m, String csv, String table) {
        return bascule(db, m).newDataMigration("add_rows", Optional.empty(),
                Optional.of(new DataMigrationGenerator.FromCsv(Path.of(csv), table)));
    }
}
