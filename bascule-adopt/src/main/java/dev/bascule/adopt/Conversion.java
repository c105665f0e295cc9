package dev.bascule.adopt;

import dev.bascule.error.Problem;

import java.util.List;

/**
 * What a layout read from a tool's folder: the migrations it can convert, the files it cannot (with the reason)
 * and what the user should know about the converted ones.
 *
 * @param versions how the tool's versions map to Bascule's, in one sentence for the report and the manifest
 */
record Conversion(List<ImportedMigration> migrations, List<Problem> notConverted, List<Problem> warnings, String versions) {

    Conversion {
        migrations = List.copyOf(migrations);
        notConverted = List.copyOf(notConverted);
        warnings = List.copyOf(warnings);
    }
}
