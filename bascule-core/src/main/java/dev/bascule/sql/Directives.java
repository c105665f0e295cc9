package dev.bascule.sql;

import java.util.List;
import java.util.Optional;

/**
 * The directives found in the leading comment blocks of a script (and of the files it includes).
 * Directives allowed anywhere ({@code bascule:ignore}) are validated but not listed: the linter reads them.
 */
public record Directives(List<Directive> entries) {

    public Directives {
        entries = List.copyOf(entries);
    }

    public static Directives none() {
        return new Directives(List.of());
    }

    /** {@code -- bascule:no-transaction}: the runner must not wrap this script in a transaction. */
    public boolean noTransaction() {
        return find(DirectiveKind.NO_TRANSACTION).isPresent();
    }

    /** The first directive of this kind, if any. */
    public Optional<Directive> find(DirectiveKind kind) {
        return first(entries, kind);
    }

    /** The first of {@code directives} of this kind; a loop, as the runner asks for every migration and statement. */
    static Optional<Directive> first(List<Directive> directives, DirectiveKind kind) {
        for (Directive d : directives) {
            if (d.kind() == kind) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
