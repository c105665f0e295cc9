package dev.bascule.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Script parse(Path file, Path workingDirectory) throws IOException {
        return ScriptParser.parse(file.toString(), Files.readString(file), IncludeResolver.fileSystem(workingDirectory));
    }

    @Test
    void includeRelativeResolvesAgainstTheIncludingFile() throws IOException {
        write("sub/inner.sql", "SELECT 'inner';\n\\ir deeper/last.sql\n");
        write("sub/deeper/last.sql", "SELECT 'last';");
        Path main = write("main.sql", "SELECT 1;\n\\ir sub/inner.sql\nSELECT 2;\n");
        List<Statement> statements = parse(main, dir.resolve("elsewhere")).statements();
        assertThat(statements).extracting(Statement::sql)
                .containsExactly("SELECT 1;", "SELECT 'inner';", "SELECT 'last';", "SELECT 2;");
        assertThat(statements.get(1).sourceName()).endsWith("sub/inner.sql".replace('/', java.io.File.separatorChar));
        assertThat(statements.get(2).line()).isEqualTo(1);
        assertThat(statements.get(3).sourceName()).isEqualTo(main.toString());
    }

    @Test
    void includeResolvesAgainstTheWorkingDirectory() throws IOException {
        write("lib/common.sql", "SELECT 'common';");
        Path main = write("scripts/main.sql", "\\i 'lib/common.sql'\n\\include lib/common.sql\n");
        assertThat(parse(main, dir).statements()).extracting(Statement::sql)
                .containsExactly("SELECT 'common';", "SELECT 'common';");
        assertThatThrownBy(() -> parse(main, dir.resolve("scripts"))).isInstanceOfSatisfying(ScriptSyntaxError.class,
                e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.detail()).contains("cannot read included file 'lib/common.sql'");
                });
    }

    @Test
    void cyclesAreErrorsNamingTheChain() throws IOException {
        write("a.sql", "SELECT 'a';\n\\ir b.sql\n");
        write("b.sql", "SELECT 'b';\n\n\\ir ./a.sql\n");
        assertThatThrownBy(() -> parse(dir.resolve("a.sql"), dir)).isInstanceOfSatisfying(ScriptSyntaxError.class,
                e -> {
                    assertThat(e.sourceName()).endsWith("b.sql");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.detail()).contains("include cycle").contains("a.sql -> ");
                });
    }

    @Test
    void selfIncludeIsACycle() throws IOException {
        Path self = write("self.sql", "\\ir self.sql\n");
        assertThatThrownBy(() -> parse(self, dir)).isInstanceOfSatisfying(ScriptSyntaxError.class,
                e -> assertThat(e.detail()).contains("include cycle"));
    }

    @Test
    void malformedIncludesAreErrors() throws IOException {
        assertThatThrownBy(() -> parse(write("m1.sql", "\\i\n"), dir)).isInstanceOfSatisfying(
                ScriptSyntaxError.class, e -> assertThat(e.detail()).contains("needs a file name"));
        assertThatThrownBy(() -> parse(write("m2.sql", "\\i a.sql b.sql\n"), dir)).isInstanceOfSatisfying(
                ScriptSyntaxError.class, e -> assertThat(e.detail()).contains("unexpected text after"));
        assertThatThrownBy(() -> parse(write("m3.sql", "SELECT 1;\n\\copy t from 'x'\n"), dir))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("\\copy is not supported");
                });
    }

    @Test
    void includedFilesMustBeValidUtf8() throws IOException {
        Files.write(dir.resolve("bad.sql"), new byte[] {'S', 'E', 'L', ';', '\n', 'x', (byte) 0xC3, '(', '\n'});
        Path main = write("ok.sql", "\\ir bad.sql\n");
        assertThatThrownBy(() -> parse(main, dir)).isInstanceOfSatisfying(ScriptSyntaxError.class, e -> {
            assertThat(e.sourceName()).endsWith("bad.sql");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(2);
            assertThat(e.detail()).contains("byte offset 6");
        });
    }
}
