package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A name longer than PostgreSQL's 63 bytes, which it truncates with only a NOTICE. */
public final class IdentifierTooLong extends StatementRule {

    /** NAMEDATALEN - 1. */
    static final int MAX_BYTES = 63;

    @Override
    public String id() {
        return "identifier-too-long";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A name longer than 63 bytes (UTF-8) in a schema change: PostgreSQL silently truncates it.";
    }

    @Override
    public String why() {
        return "PostgreSQL keeps only the first 63 bytes of a name and says so in a NOTICE nobody reads: the "
                + "object is created under another name than the one written, so code and later migrations that "
                + "compare names (or query the catalogue) miss it, and two long names alike in their first 63 bytes "
                + "become the same object.";
    }

    @Override
    public String fix() {
        return "Choose a name of at most 63 bytes (mind multi-byte characters).";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (MigrationFile.isDataChange(ddl) || ddl instanceof Ddl.SetParameter
                || (ddl instanceof Ddl.Opaque o && !o.schemaChange())) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Token t : m.statement(index).tokens()) {
            // A UTF-8 character is at most 4 bytes: 15 characters cannot exceed 63 bytes.
            if ((t.type() != TokenType.WORD && t.type() != TokenType.QUOTED_IDENTIFIER) || t.text().length() <= 15) {
                continue;
            }
            String name = t.type() == TokenType.WORD ? t.text().toLowerCase(Locale.ROOT)
                    : t.text().substring(t.text().indexOf('"') + 1, t.text().length() - 1).replace("\"\"", "\"");
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_BYTES && seen.add(name)) {
                out.report(index, t, "name " + name + " is " + bytes.length + " bytes: PostgreSQL truncates it to "
                        + truncated(bytes), "", null);
            }
        }
    }

    /** The first 63 bytes, cut back to a whole UTF-8 character as PostgreSQL does. */
    private static String truncated(byte[] bytes) {
        int end = MAX_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
