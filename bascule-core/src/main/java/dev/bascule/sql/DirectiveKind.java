package dev.bascule.sql;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of {@code -- bascule:NAME [argument]} comment directives. A later feature adds a directive by
 * adding a constant here; {@link ScriptParser} rejects every {@code bascule:} name not listed. Only {@code --}
 * line comments whose text starts with {@code bascule:} are directives (not block comments, not mentions later
 * in a comment), and the name is case-sensitive.
 */
public enum DirectiveKind {
    /** Run the whole script outside a transaction (needed for CREATE INDEX CONCURRENTLY and friends). */
    NO_TRANSACTION("no-transaction", Argument.NONE, Placement.HEADER),
    /** {@code -- bascule:ignore rule-id reason}: read by the linter from the comments themselves, anywhere. */
    IGNORE("ignore", Argument.REQUIRED, Placement.ANYWHERE),
    /** The migration changes data, not schema (seed 003's data migrations); it shares the version order. */
    DATA("data", Argument.NONE, Placement.HEADER),
    /** {@code -- bascule:phase NAME 1|2|3}: one step of a three-phase (expand/contract) change. */
    PHASE("phase", Argument.REQUIRED, Placement.HEADER),
    /** {@code -- bascule:batch size=N [key=COLUMN] ...}: run the next statement in keyset batches. */
    BATCH("batch", Argument.REQUIRED, Placement.STATEMENT),
    /** {@code -- bascule:audit pre|change|post [count-only]}: write the next statement's rows to an audit CSV. */
    AUDIT("audit", Argument.REQUIRED, Placement.STATEMENT);

    /** Whether the directive takes text after its name. */
    public enum Argument { NONE, REQUIRED }

    /**
     * Where the directive may appear: only in the script's leading comment block; on any comment line; or on a
     * line of its own between statements, applying to the statement that follows it.
     */
    public enum Placement { HEADER, ANYWHERE, STATEMENT }

    private final String directiveName;
    private final Argument argument;
    private final Placement placement;

    DirectiveKind(String directiveName, Argument argument, Placement placement) {
        this.directiveName = directiveName;
        this.argument = argument;
        this.placement = placement;
    }

    /** The name written after {@code bascule:}. */
    public String directiveName() {
        return directiveName;
    }

    public Argument argument() {
        return argument;
    }

    public Placement placement() {
        return placement;
    }

    public static Optional<DirectiveKind> byName(String name) {
        for (DirectiveKind kind : values()) {
            if (kind.directiveName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** "no-transaction, ignore": for error messages. */
    public static String knownNames() {
        return Arrays.stream(values()).map(DirectiveKind::directiveName).collect(Collectors.joining(", "));
    }
}
