package dev.bascule.lint.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** New migrations listed in a manifest: on the lines right after the file they follow, as a reader expects them. */
final class ManifestLines {

    private ManifestLines() {
    }

    /**
     * The manifest text with {@code added} after the line naming {@code after}, or empty when no line names it (the
     * new files then belong wherever that file is listed, which the fixer cannot know).
     */
    static Optional<String> insertAfter(String manifest, String after, List<String> added) {
        List<String> lines = new ArrayList<>(List.of(manifest.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.equals(after)) {
                lines.addAll(i + 1, added);
                return Optional.of(String.join("\n", lines));
            }
        }
        return Optional.empty();
    }
}
