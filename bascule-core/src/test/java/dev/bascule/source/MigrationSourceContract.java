package dev.bascule.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link MigrationSource} provider promises (golang-migrate's idea: one contract, every source passes
 * it). A provider's test extends this and says how to make a location holding some files.
 */
public abstract class MigrationSourceContract {

    /** A location holding exactly these files directly inside it (and a sub-folder {@code nested/} with one file). */
    protected abstract Location locationWith(Map<String, String> files) throws Exception;

    /** A location of this provider's scheme that does not exist. */
    protected abstract Location missingLocation() throws Exception;

    protected abstract String scheme();

    protected SourceSettings settings() {
        return SourceSettings.NONE;
    }

    private MigrationSource open(Location location, boolean secret) throws IOException {
        return Sources.open(location, settings(), secret);
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("2_b.up.sql", "CREATE TABLE b (x int);\n");
        files.put("1_a.up.sql", "CREATE TABLE a (x int); -- é ✓\n");
        files.put("manifest.txt", "1_a.up.sql\n2_b.up.sql\n");
        return files;
    }

    @Test
    void listsTheFilesDirectlyInsideSortedByNameWithTheirSizes() throws Exception {
        Location location = locationWith(files());
        assertThat(location.scheme()).isEqualTo(scheme());
        try (MigrationSource source = open(location, false)) {
            assertThat(source.location()).isEqualTo(location);
            List<SourceEntry> entries = source.list();
            assertThat(entries).extracting(SourceEntry::name).containsExactly("1_a.up.sql", "2_b.up.sql", "manifest.txt");
            assertThat(entries.get(0).size()).isIn(-1L, (long) files().get("1_a.up.sql").getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void opensTheExactBytes() throws Exception {
        try (MigrationSource source = open(locationWith(files()), false);
             InputStream in = source.open("1_a.up.sql")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(files().get("1_a.up.sql"));
        }
    }

    @Test
    void aMissingNameIsNoSuchFileAndNamesOutsideTheLocationAreRefused() throws Exception {
        try (MigrationSource source = open(locationWith(files()), false)) {
            assertThatThrownBy(() -> source.open("3_absent.up.sql").close()).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> source.open("nested/9_deep.up.sql").close()).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> source.open("../1_a.up.sql").close()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aMissingLocationFailsToListWithAnIoException() throws Exception {
        try (MigrationSource source = open(missingLocation(), false)) {
            assertThatThrownBy(source::list).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theSecretFlagIsKept() throws Exception {
        Location location = locationWith(files());
        try (MigrationSource secret = open(location, true); MigrationSource plain = open(location, false)) {
            assertThat(secret.secret()).isTrue();
            assertThat(plain.secret()).isFalse();
            assertThat(secret.toString()).doesNotContain("CREATE TABLE");
        }
    }
}
