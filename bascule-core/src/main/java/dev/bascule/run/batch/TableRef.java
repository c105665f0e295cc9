package dev.bascule.run.batch;

import java.util.Optional;

/**
 * A table as a statement names it.
 *
 * @param name  the name as written, quotes kept ({@code public."Moves"}), ready for {@code to_regclass}
 * @param only  {@code ONLY} was written: inheritance children are left alone
 * @param alias the alias as written, if any
 */
public record TableRef(String name, boolean only, Optional<String> alias) {

    /** How the statement's own clauses refer to the table's columns: the alias, else the name as written. */
    public String reference() {
        return alias.orElse(name);
    }
}
