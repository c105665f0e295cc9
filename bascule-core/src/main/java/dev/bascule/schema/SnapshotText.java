package dev.bascule.schema;

import dev.bascule.error.BasculeException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The text form of a {@link SchemaSnapshot}, and its parser. The layout:
 * <pre>
 * -- Bascule schema snapshot, format 1.
 * -- ... (comment lines)
 * -- details: none
 *
 * table public.moves
 *   column id: uuid NOT NULL DEFAULT gen_random_uuid()
 *   constraint moves_pkey: PRIMARY KEY (id)
 *
 * view public.open_moves
 *   definition:
 *     | SELECT id
 *     |    FROM public.moves
 * </pre>
 * An object header starts in column 1 with its kind; its attributes follow, indented by two spaces, as
 * {@code key: value}; a value of several lines follows its {@code key:} line, each line prefixed by
 * {@code "    | "}. The key ends at the first {@code ": "} outside double quotes: keys are fixed words and
 * quoted names.
 */
final class SnapshotText {

    static final String FORMAT_LINE = "-- Bascule schema snapshot, format 1.";
    private static final String DETAILS_PREFIX = "-- details: ";
    private static final String CONTINUATION = "    |";
    private static final String REGENERATE = "the file is written by Bascule: write it again from a database"
            + " rather than editing it";

    private SnapshotText() {
    }

    static String render(SchemaSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append(FORMAT_LINE).append('\n');
        out.append("-- The schema of a PostgreSQL database as Bascule reads it from the catalogs, one block per object,\n");
        out.append("-- sorted by kind and name. A description to review and compare (bascule drift), not SQL to run.\n");
        out.append("-- Written by Bascule: do not edit.\n");
        List<String> details = EnumSet.copyOf(withNone(snapshot.details())).stream().map(Detail::label).toList();
        out.append(DETAILS_PREFIX).append(details.isEmpty() ? "none" : String.join(", ", details)).append('\n');
        for (SchemaObject object : snapshot.objects()) {
            out.append('\n').append(object.title()).append('\n');
            for (Attribute attribute : object.attributes()) {
                out.append("  ").append(attribute.key()).append(':');
                if (attribute.isMultiLine()) {
                    out.append('\n');
                    for (String line : attribute.value().split("\n", -1)) {
                        out.append(CONTINUATION).append(line.isEmpty() ? "" : " " + line).append('\n');
                    }
                } else {
                    out.append(attribute.value().isEmpty() ? "" : " " + attribute.value()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static Set<Detail> withNone(Set<Detail> details) {
        return details.isEmpty() ? EnumSet.noneOf(Detail.class) : EnumSet.copyOf(details);
    }

    static SchemaSnapshot parse(String text, String source) {
        String[] lines = Attribute.normaliseLineBreaks(text).split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(FORMAT_LINE)) {
            throw error(source, 1, "not a Bascule schema snapshot: the first line must be '" + FORMAT_LINE + "'");
        }
        Set<Detail> details = null;
        List<SchemaObject> objects = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        ObjectKind kind = null;
        String name = null;
        List<Attribute> attributes = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int i = 1;
        while (i < lines.length) {
            String line = lines[i];
            int lineNumber = ++i;
            if (line.startsWith("--")) {
                if (line.startsWith(DETAILS_PREFIX) && kind == null) {
                    details = details(line.substring(DETAILS_PREFIX.length()), source, lineNumber);
                }
            } else if (line.isEmpty()) {
                continue;
            } else if (!line.startsWith(" ")) {
                if (kind != null) {
                    objects.add(new SchemaObject(kind, name, attributes));
                }
                Optional<ObjectKind> header = ObjectKind.ofHeader(line);
                if (header.isEmpty() || line.length() <= header.get().label().length() + 1) {
                    throw error(source, lineNumber, "expected an object such as 'table public.moves', found '" + line + "'");
                }
                kind = header.get();
                name = line.substring(kind.label().length() + 1);
                if (!titles.add(line)) {
                    throw error(source, lineNumber, line + " appears twice");
                }
                attributes = new ArrayList<>();
                keys.clear();
            } else if (kind == null || !line.startsWith("  ") || line.startsWith("   ")) {
                throw error(source, lineNumber, "expected an object header or an attribute line ('  key: value'), found '" + line + "'");
            } else {
                int colon = keyEnd(line);
                if (colon < 0) {
                    throw error(source, lineNumber, "an attribute line must read '  key: value', found '" + line + "'");
                }
                String key = line.substring(2, colon);
                String value = colon + 1 < line.length() ? line.substring(colon + 2) : "";
                if (colon + 1 == line.length()) {
                    List<String> block = new ArrayList<>();
                    while (i < lines.length && lines[i].startsWith(CONTINUATION)) {
                        String continued = lines[i++];
                        if (continued.length() > CONTINUATION.length() && continued.charAt(CONTINUATION.length()) != ' ') {
                            throw error(source, i, "a continuation line must start with '    | ', found '" + continued + "'");
                        }
                        block.add(continued.length() == CONTINUATION.length() ? "" : continued.substring(CONTINUATION.length() + 1));
                    }
                    value = String.join("\n", block);
                }
                if (!keys.add(key)) {
                    throw error(source, lineNumber, kind.label() + " " + name + " has '" + key + "' twice");
                }
                attributes.add(new Attribute(key, value));
            }
        }
        if (kind != null) {
            objects.add(new SchemaObject(kind, name, attributes));
        }
        if (details == null) {
            throw error(source, 2, "the '" + DETAILS_PREFIX.strip() + " ...' line is missing from the header");
        }
        return new SchemaSnapshot(details, objects);
    }

    /** Index of the ':' ending the key: the first one outside double quotes followed by a space or the line end. */
    private static int keyEnd(String line) {
        boolean quoted = false;
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted && i > 2 && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static Set<Detail> details(String list, String source, int line) {
        Set<Detail> details = EnumSet.noneOf(Detail.class);
        if (list.equals("none")) {
            return details;
        }
        for (String label : list.split(", ")) {
            details.add(Detail.ofLabel(label).orElseThrow(() -> error(source, line, "unknown detail '" + label
                    + "'; known: ownership, grants, extension versions")));
        }
        return details;
    }

    private static BasculeException.Configuration error(String source, int line, String message) {
        return new BasculeException.Configuration(source + ":" + line + ": " + message + "; " + REGENERATE);
    }
}
