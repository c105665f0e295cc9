package dev.bascule.catalog;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A migration file format other than plain SQL, translated to SQL before it is split and run: Pop's {@code .fizz}
 * DSL lives in bascule-pop as one. Found with {@link ServiceLoader}, so the catalog knows formats only by their
 * file extension.
 */
public interface ScriptFormat {

    /** The file extension without the dot, as in {@code 20180101_create.up.fizz}: {@code "fizz"}. */
    String extension();

    /**
     * The SQL a file of this format stands for.
     *
     * @throws dev.bascule.error.SourceSyntaxError naming the file, line and column of what cannot be translated
     */
    String toSql(String sourceName, String text);

    /** The formats on the class path (plain SQL is built in and not listed). */
    static List<ScriptFormat> installed() {
        return ServiceLoader.load(ScriptFormat.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The format handling files with this extension, if one is installed. */
    static Optional<ScriptFormat> forExtension(String extension) {
        return installed().stream().filter(f -> f.extension().equals(extension)).findFirst();
    }

    /**
     * The SQL a migration file holds: its text for {@code .sql}, the translation for another format.
     *
     * @throws dev.bascule.error.SourceSyntaxError when a translation fails
     */
    static String sqlOf(MigrationFileName file, String sourceName, String text) {
        if (file.format().isSql()) {
            return text;
        }
        return forExtension(file.format().extension()).orElseThrow(() -> new IllegalStateException(
                "no installed format for ." + file.format().extension())).toSql(sourceName, text);
    }
}
