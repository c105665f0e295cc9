package dev.bascule.expand;

import dev.bascule.error.BasculeException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The old column's constraints, NOT NULL, indexes and default, copied to the new column without blocking
 * writes: CHECK and FOREIGN KEY as {@code NOT VALID} (new writes are checked at once, old rows later by
 * {@code VALIDATE CONSTRAINT}, which lets writes through); NOT NULL through a validated {@code CHECK (col IS NOT
 * NULL)} that PostgreSQL 12+ accepts as proof, so {@code SET NOT NULL} does not scan; indexes
 * {@code CONCURRENTLY}, UNIQUE constraints attached to their finished index; the default with the switch to two-way sync in
 * phase 2 (see {@link SyncDefinitions}: while both columns are written, only one of them may have a default).
 */
final class CarriedObjects {

    /** In {@link ExpandContractRequest#notCarried()}: do not copy the column default. */
    static final String DEFAULT = "default";

    private static final Pattern NOT_VALID = Pattern.compile("\\s+NOT\\s+VALID\\s*$", Pattern.CASE_INSENSITIVE);

    /** A copied CHECK or FOREIGN KEY: added NOT VALID in phase 1, validated in phase 2 if the original was. */
    record Constraint(String name, String definition, boolean validate) {
    }

    /** A copied index, built concurrently in phase 2, and the UNIQUE constraint to attach to it, if any. */
    record IndexCopy(String name, String create, Optional<String> attach) {
    }

    private final TableName table;
    private final String newColumn;
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<IndexCopy> indexes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private Optional<String> notNullCheck = Optional.empty();
    private Optional<String> newDefault = Optional.empty();

    private CarriedObjects(TableName table, String newColumn) {
        this.table = table;
        this.newColumn = newColumn;
    }

    static CarriedObjects of(ColumnChange change, ColumnFacts facts, Set<String> notCarried) {
        CarriedObjects c = new CarriedObjects(change.table(), change.newColumn());
        facts.checks().forEach(x -> c.taken.add(x.name()));
        facts.foreignKeys().forEach(x -> c.taken.add(x.name()));
        facts.indexes().forEach(x -> {
            c.taken.add(x.name());
            x.uniqueConstraint().ifPresent(c.taken::add);
        });
        String from = change.column();
        for (ColumnFacts.Check check : facts.checks()) {
            if (notCarried.contains(check.name())) {
                c.notes.add("CHECK " + check.name() + " is not copied to " + change.newColumn() + " (as asked)");
                continue;
            }
            String definition = ColumnReferences.rename(stripNotValid(check.definition()), from, change.newColumn());
            c.constraints.add(new Constraint(c.name(check.name(), from), definition, check.validated()));
        }
        for (ColumnFacts.ForeignKey fk : facts.foreignKeys()) {
            if (notCarried.contains(fk.name())) {
                c.notes.add("FOREIGN KEY " + fk.name() + " is not copied to " + change.newColumn() + " (as asked)");
                continue;
            }
            String references = ColumnReferences.afterFirstGroup(fk.definition());
            if (references == null) {
                throw new BasculeException.Configuration("foreign key " + fk.name() + ": cannot read its definition '"
                        + fk.definition() + "'");
            }
            List<String> columns = fk.columns().stream()
                    .map(col -> SqlText.ident(col.equals(from) ? change.newColumn() : col)).toList();
            String definition = "FOREIGN KEY (" + String.join(", ", columns) + ")" + stripNotValid(references);
            c.constraints.add(new Constraint(c.name(fk.name(), from), definition, fk.validated()));
        }
        if (facts.notNull()) {
            String name = c.unique(fit(change.table().name() + "_" + change.newColumn() + "_not_null_check"));
            c.notNullCheck = Optional.of(name);
        }
        for (ColumnFacts.Index index : facts.indexes()) {
            boolean skipped = notCarried.contains(index.name())
                    || index.uniqueConstraint().map(notCarried::contains).orElse(false);
            if (skipped) {
                c.notes.add("index " + index.name() + " is not copied to " + change.newColumn() + " (as asked)");
            } else if (!index.valid()) {
                c.notes.add("index " + index.name() + " is invalid (a failed concurrent build) and is not copied;"
                        + " drop it or rebuild it");
            } else {
                c.indexes.add(c.index(index, from));
            }
        }
        if (facts.defaultExpression().isPresent() && notCarried.contains(DEFAULT)) {
            c.notes.add("the default " + facts.defaultExpression().get() + " is not copied to " + change.newColumn()
                    + " (as asked): from phase 2 on, inserts that leave it out store NULL");
        } else {
            c.newDefault = facts.defaultExpression().map(d -> defaultFor(change, facts, d));
        }
        return c;
    }

    /** The new column's default: the old one, converted by the USING expression for a type change. */
    private static String defaultFor(ColumnChange change, ColumnFacts facts, String oldDefault) {
        if (!(change instanceof ColumnChange.ChangeType t) || t.using().isEmpty()) {
            return oldDefault;
        }
        String using = t.using().get();
        Set<String> others = new HashSet<>(ColumnReferences.referenced(using, facts.tableColumns()));
        others.remove(change.column());
        if (!others.isEmpty()) {
            throw new BasculeException.Configuration(change.table() + "." + change.column() + " has the default "
                    + oldDefault + ", which cannot be converted for " + change.newColumn() + ": the USING expression"
                    + " reads other columns (" + String.join(", ", others) + "). Write USING over "
                    + change.column() + " alone, or leave the default out (not carried: default) and set the new"
                    + " column's default in a migration of your own");
        }
        return ColumnReferences.substitute(using, change.column(), oldDefault);
    }

    private IndexCopy index(ColumnFacts.Index index, String from) {
        String definition = index.definition();
        int on = ColumnReferences.indexOfWord(definition, "on", 0);
        int using = on < 0 ? -1 : ColumnReferences.indexOfWord(definition, "using", on);
        if (using < 0) {
            throw new BasculeException.Configuration("index " + index.name() + ": cannot read its definition '"
                    + definition + "'");
        }
        boolean unique = definition.regionMatches(true, 0, "CREATE UNIQUE", 0, 13);
        String name = name(index.uniqueConstraint().orElse(index.name()), from);
        String create = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + SqlText.ident(name) + " ON "
                + table + " " + ColumnReferences.rename(definition.substring(using), from, newColumn) + ";";
        Optional<String> attach = index.uniqueConstraint().map(constraint -> "ALTER TABLE " + table
                + " ADD CONSTRAINT " + SqlText.ident(name) + " UNIQUE USING INDEX " + SqlText.ident(name)
                + (index.deferrable() ? " DEFERRABLE" : "") + (index.initiallyDeferred() ? " INITIALLY DEFERRED" : "")
                + ";");
        return new IndexCopy(name, create, attach);
    }

    /**
     * The copy's name: the original with the old column's name replaced by the new one where PostgreSQL's naming
     * put it ({@code moves_status_check} → {@code moves_state_check}), else the new column's name appended.
     */
    private String name(String original, String from) {
        Matcher m = Pattern.compile("(^|_)" + Pattern.quote(from) + "(_|$)").matcher(original);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start() + m.group(1).length();
            end = m.end() - m.group(2).length();
        }
        String derived = start >= 0 ? original.substring(0, start) + newColumn + original.substring(end)
                : original + "_" + newColumn;
        return unique(fit(derived));
    }

    private String unique(String name) {
        String candidate = name;
        for (int i = 1; taken.contains(candidate); i++) {
            candidate = fit(name + "_" + i);
        }
        taken.add(candidate);
        return candidate;
    }

    /** Shortens a derived name over 63 bytes, keeping it distinct with a hash of the full name. */
    static String fit(String name) {
        if (SqlText.fits(name)) {
            return name;
        }
        String hash = String.format("%08x", name.hashCode());
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            String next = prefix.toString() + name.charAt(i);
            if ((next + "_" + hash).getBytes(StandardCharsets.UTF_8).length > SqlText.MAX_IDENTIFIER_BYTES) {
                break;
            }
            prefix.append(name.charAt(i));
        }
        return prefix + "_" + hash;
    }

    private static String stripNotValid(String definition) {
        return NOT_VALID.matcher(definition).replaceFirst("");
    }

    /** Phase 1: {@code ALTER TABLE ... ADD CONSTRAINT ... NOT VALID}, NOT NULL's check last. */
    List<String> addNotValid() {
        List<String> statements = new ArrayList<>();
        for (Constraint c : constraints) {
            statements.add("ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.ident(c.name()) + " " + c.definition()
                    + " NOT VALID;");
        }
        notNullCheck.ifPresent(n -> statements.add("ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.ident(n)
                + " CHECK (" + SqlText.ident(newColumn) + " IS NOT NULL) NOT VALID;"));
        return statements;
    }

    /** Phase 2: {@code VALIDATE CONSTRAINT} for every copy whose original was valid, and NOT NULL's check. */
    List<String> validate() {
        List<String> statements = new ArrayList<>();
        for (Constraint c : constraints) {
            if (c.validate()) {
                statements.add("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + SqlText.ident(c.name()) + ";");
            }
        }
        notNullCheck.ifPresent(n -> statements.add("ALTER TABLE " + table + " VALIDATE CONSTRAINT "
                + SqlText.ident(n) + ";"));
        return statements;
    }

    List<Constraint> constraints() {
        return constraints;
    }

    Optional<String> notNullCheck() {
        return notNullCheck;
    }

    List<IndexCopy> indexes() {
        return indexes;
    }

    Optional<String> newDefault() {
        return newDefault;
    }

    List<String> notes() {
        return notes;
    }
}
