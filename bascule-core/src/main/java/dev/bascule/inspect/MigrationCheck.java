package dev.bascule.inspect;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.schema.SchemaDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one migration did in {@code check-reversible}: up, down, up again on the shadow database, each compared with
 * the schema it should give.
 *
 * @param migration the migration checked
 * @param failures  what went wrong, in the order it was found; empty when the migration is reversible
 * @param warnings  findings of the rule {@value DownDataRule#ID} (they do not fail the check)
 */
public record MigrationCheck(Migration migration, List<Failure> failures, List<Problem> warnings) {

    public MigrationCheck {
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** {@code ok}, or the failures' summaries joined with "; ". */
    public String outcome() {
        if (failures.isEmpty()) {
            return "ok";
        }
        List<String> parts = new ArrayList<>();
        failures.forEach(f -> parts.add(f.summary()));
        return String.join("; ", parts);
    }

    /** One way a migration is not reversible. */
    public sealed interface Failure {

        /** One line: {@code down left index public.c_x behind}. */
        String summary();

        /** The readable diff or error below the summary; empty when the summary says it all. */
        default Optional<String> detail() {
            return Optional.empty();
        }
    }

    /** The up itself failed on the shadow database; later migrations were not checked. */
    public record UpFailed(String message) implements Failure {
        @Override
        public String summary() {
            return "up failed";
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(message);
        }
    }

    /** There is no {@code .down.sql} beside the up. */
    public record NoDownFile(String expected) implements Failure {
        @Override
        public String summary() {
            return "no down file (write " + expected + " beside it)";
        }
    }

    /** The down failed; its error. */
    public record DownFailed(String message) implements Failure {
        @Override
        public String summary() {
            return "down failed";
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(message);
        }
    }

    /**
     * After the down the schema is not what it was before the up.
     *
     * @param diff A: before the up, B: after the down
     */
    public record DownIncomplete(SchemaDiff diff) implements Failure {
        public SchemaChanges changes() {
            return SchemaChanges.of(diff);
        }

        @Override
        public String summary() {
            SchemaChanges changes = changes();
            List<String> parts = new ArrayList<>();
            if (!changes.added().isEmpty()) {
                parts.add("down left " + SchemaChanges.list(changes.added()) + " behind");
            }
            if (!changes.lost().isEmpty()) {
                parts.add("down lost " + SchemaChanges.list(changes.lost()));
            }
            if (!changes.changed().isEmpty()) {
                parts.add("down did not restore " + SchemaChanges.list(changes.changed()));
            }
            return String.join("; ", parts);
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(diff.render("the database before the up", "the database after the down"));
        }
    }

    /**
     * The up, run again after the down, failed ({@code error}) or gave another schema than the first time
     * ({@code diff}, A: after the first up, B: after the second).
     */
    public record UpNotRepeatable(Optional<String> error, SchemaDiff diff) implements Failure {
        @Override
        public String summary() {
            return error.isPresent() ? "up not repeatable: it failed after the down"
                    : "up not repeatable: the second up gave another schema";
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(error.orElseGet(() -> diff.render("the database after the first up",
                    "the database after the second up")));
        }
    }
}
