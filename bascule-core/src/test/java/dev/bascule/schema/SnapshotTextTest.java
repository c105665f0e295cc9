package dev.bascule.schema;

import dev.bascule.error.BasculeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text form: exact round trip for awkward values, and errors that name file and line. */
class SnapshotTextTest {

    private static final SchemaSnapshot AWKWARD = new SchemaSnapshot(Set.of(Detail.GRANTS), List.of(
            new SchemaObject(ObjectKind.FUNCTION, "public.f(integer)", List.of(
                    new Attribute("arguments", ""),
                    new Attribute("body", "\nBEGIN\n\n  RETURN 1;  \nEND\n"),
                    new Attribute("comment", "  leading blanks and a: colon"),
                    new Attribute("grants", "=X/postgres"))),
            new SchemaObject(ObjectKind.TABLE, "public.\"Odd: Name\"", List.of(
                    new Attribute("column \"a: b\"", "text DEFAULT 'x: y'::text"),
                    new Attribute("column \"q\"\"uote\"", "integer"),
                    new Attribute("comment", "line one\r\nline two"))),
            new SchemaObject(ObjectKind.MATERIALIZED_VIEW, "public.mv", List.of(
                    new Attribute("definition", "SELECT 1\n"))),
            new SchemaObject(ObjectKind.VIEW, "public.v", List.of(
                    new Attribute("definition", "    | not a continuation marker\n|"))),
            new SchemaObject(ObjectKind.SCHEMA, "public", List.of())));

    @Test
    void awkwardValuesReadBackExactly() {
        String text = AWKWARD.render();

        SchemaSnapshot parsed = SchemaSnapshot.parse(text, "db/schema.sql");

        assertThat(parsed).isEqualTo(AWKWARD);
        assertThat(parsed.render()).isEqualTo(text);
        assertThat(parsed.object(ObjectKind.TABLE, "public.\"Odd: Name\"").orElseThrow().value("comment"))
                .contains("line one\nline two");
        assertThat(text).contains("""

                schema public

                table public."Odd: Name"
                  column "a: b": text DEFAULT 'x: y'::text
                """).contains("""
                function public.f(integer)
                  arguments:
                  body:
                    |
                    | BEGIN
                    |
                    |   RETURN 1;\s\s
                    | END
                    |
                """).contains("-- details: grants\n");
    }

    @Test
    void objectsAreSortedByKindThenName() {
        assertThat(AWKWARD.objects()).extracting(SchemaObject::title).containsExactly(
                "schema public", "table public.\"Odd: Name\"", "view public.v", "materialized view public.mv",
                "function public.f(integer)");
    }

    @Test
    void windowsLineEndingsInTheFileReadTheSame() {
        String text = AWKWARD.render();

        assertThat(SchemaSnapshot.parse(text.replace("\n", "\r\n"), "schema.sql")).isEqualTo(AWKWARD);
    }

    @Test
    void writesAndLoadsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("db/schema.sql");

        AWKWARD.write(file);

        assertThat(Files.readString(file)).isEqualTo(AWKWARD.render());
        assertThat(SchemaSnapshot.load(file)).isEqualTo(AWKWARD);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void badInputNamesFileAndLine(@TempDir Path dir) throws IOException {
        String good = AWKWARD.render();
        assertError("CREATE TABLE x (id int);\n", "db/schema.sql:1: not a Bascule schema snapshot");
        assertError(good.replace("-- details: grants\n", ""), "db/schema.sql:2: the '-- details: ...' line is missing");
        assertError(good.replace("-- details: grants", "-- details: grants, colours"), "db/schema.sql:5: unknown detail 'colours'");
        assertError(good.replace("table public.\"Odd: Name\"", "tabel public.x"),
                "db/schema.sql:9: expected an object such as 'table public.moves', found 'tabel public.x'");
        assertError(good.replace("  column \"q\"\"uote\": integer", "  column q integer"),
                "db/schema.sql:11: an attribute line must read '  key: value', found '  column q integer'");
        assertError(good.replace("  column \"q\"\"uote\": integer", "   column q: integer"),
                "db/schema.sql:11: expected an object header or an attribute line");
        assertError(good.replace("  column \"q\"\"uote\": integer", "  column \"a: b\": integer"),
                "db/schema.sql:11: table public.\"Odd: Name\" has 'column \"a: b\"' twice");
        assertError(good + "\nschema public\n", "appears twice");
        assertError(good.replace("    | BEGIN", "    |BEGIN"), "a continuation line must start with '    | '");
        assertThatThrownBy(() -> SchemaSnapshot.parse("schema public\n", "x.sql"))
                .hasMessageEndingWith("write it again from a database rather than editing it");

        Path binary = dir.resolve("schema.sql");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThatThrownBy(() -> SchemaSnapshot.load(binary)).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining(binary + ": not UTF-8 text");
        assertThatThrownBy(() -> SchemaSnapshot.load(dir.resolve("absent.sql"))).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("cannot read the schema file").hasMessageContaining("absent.sql");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> SchemaSnapshot.parse(text, "db/schema.sql"))
                .isInstanceOf(BasculeException.Configuration.class).hasMessageContaining(message);
    }
}
