package dev.bascule.expand;

import dev.bascule.error.BasculeException;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Generates the three phases of an expand/contract column change (seed 003): the files a reviewer reads and the
 * runner applies, in version order, one phase per release.
 *
 * <pre>
 * phase 1 (expand)   add the new column; a trigger copies old → new on every write; constraints NOT VALID;
 *                    a batched backfill (data migration)
 * phase 2 (switch)   the trigger keeps both columns equal in both directions while old and new code run;
 *                    the default moves to the new column; VALIDATE, NOT NULL, indexes CONCURRENTLY
 * phase 3 (contract) trigger, function and old column dropped
 * </pre>
 *
 * {@link #plan(ExpandContractRequest, ColumnFacts)} is pure; {@link #plan(ExpandContractRequest, Connection,
 * Duration)} reads the facts from a live schema and checks the type conversion there first.
 */
public final class ExpandContract {

    private static final Pattern CHANGE_NAME = Pattern.compile("[a-z0-9][a-z0-9_]*");
    private static final int MAX_VERSION = 999;

    private ExpandContract() {
    }

    /**
     * Reads {@code request}'s table and column from the database, checks every conversion the files will make
     * (type change: cast or USING, the reverse, carried defaults and checks) in a transaction rolled back, and
     * generates the files.
     *
     * @throws BasculeException.Configuration listing every reason the change cannot be generated
     */
    public static ExpandContractPlan plan(ExpandContractRequest request, Connection connection, Duration timeout) {
        ColumnFacts facts = LiveSchema.read(connection, request.change(), timeout);
        List<String> problems = new ArrayList<>(refusals(request, facts));
        problems.addAll(LiveSchemaProbe.problems(connection, request, facts, timeout));
        fail(request, problems);
        return plan(request, facts);
    }

    /**
     * Generates the files from facts already known. Pure: no I/O.
     *
     * @throws BasculeException.Configuration listing every reason the change cannot be generated
     */
    public static ExpandContractPlan plan(ExpandContractRequest request, ColumnFacts facts) {
        fail(request, refusals(request, facts));
        CarriedObjects carried = CarriedObjects.of(request.change(), facts, request.notCarried());
        ValueMapping mapping = ValueMapping.of(request.change(), facts);
        List<GeneratedFile> files = new PhaseFiles(request, facts, mapping, carried).all();
        List<String> notes = new ArrayList<>(carried.notes());
        notes.add("ship one phase per release: phase 2 with the code that reads and writes "
                + request.change().newColumn() + ", phase 3 only after that code runs everywhere");
        if (request.change() instanceof ColumnChange.ChangeType t) {
            notes.add(t.newColumn() + " keeps its name after phase 3; to take the name " + t.column() + " back,"
                    + " generate a rename of " + t.table().name() + "." + t.newColumn() + " to " + t.column()
                    + " once phase 3 is applied (three more releases: see docs/expand-contract.md)");
            if (t.reverseUsing().isEmpty()) {
                notes.add("phase 2 copies the new code's writes back with the assignment cast " + t.newType()
                        + " -> " + facts.type() + ": a value the old type cannot hold fails that write until"
                        + " phase 3");
            }
        }
        return new ExpandContractPlan(request.effectiveName(), files, notes);
    }

    /** Every reason the facts and the request forbid generating, each saying what to do. */
    static List<String> refusals(ExpandContractRequest request, ColumnFacts facts) {
        ColumnChange change = request.change();
        String column = change.table().name() + "." + change.column();
        List<String> problems = new ArrayList<>();
        for (ColumnFacts.Blocker blocker : facts.blockers()) {
            problems.add(switch (blocker.kind()) {
                case PRIMARY_KEY -> column + " is part of the primary key (" + blocker.object() + "): rows are"
                        + " identified, referenced and backfilled by it, so it cannot be moved under running code;"
                        + " add a new key beside it instead";
                case REFERENCED_BY_FOREIGN_KEY -> column + " is referenced by " + blocker.object() + ": the"
                        + " referencing columns would have to move with it; move or drop that foreign key first";
                case EXCLUSION_CONSTRAINT -> column + " is used by the exclusion constraint " + blocker.object()
                        + ", which cannot be built on the new column without blocking writes; drop it first and"
                        + " re-create it by hand";
                case DEPENDENT_OBJECT -> column + " is used by " + blocker.object() + ", which would break when the"
                        + " column is dropped in phase 3; re-create it over the new column by hand, or drop it first";
            });
        }
        if (facts.identity()) {
            problems.add(column + " is an identity column: its values come from a sequence the new column cannot"
                    + " share; not supported");
        }
        if (facts.generated()) {
            problems.add(column + " is a generated column: nothing writes it, there is nothing to move");
        }
        if (facts.partitioned()) {
            problems.add(change.table() + " is partitioned: indexes cannot be built CONCURRENTLY on it; not"
                    + " supported");
        }
        if (facts.tableColumns().contains(change.newColumn())) {
            problems.add(change.table() + " already has a column " + change.newColumn() + "; choose another name"
                    + " (or, if an earlier run of this change added it, continue with the files already generated)");
        }
        if (facts.primaryKey().isEmpty()) {
            problems.add(change.table() + " has no primary key: the backfill walks the table by key in batches;"
                    + " add a primary key first");
        }
        if (change instanceof ColumnChange.ChangeType t && t.newType().toLowerCase(Locale.ROOT)
                .equals(facts.type().toLowerCase(Locale.ROOT)) && t.using().isEmpty()) {
            problems.add(column + " is already of type " + facts.type());
        }
        String name = request.effectiveName();
        if (!CHANGE_NAME.matcher(name).matches()) {
            problems.add("change name '" + name + "' must be lower-case letters, digits and '_' (it goes into file"
                    + " names and -- bascule:phase " + name + " N)");
        }
        String sync = request.effectiveSyncName();
        if (!SqlText.fits(sync)) {
            problems.add("function and trigger name '" + sync + "' is longer than 63 bytes (PostgreSQL would cut it);"
                    + " give a shorter sync name");
        }
        if (request.functionVersion() < 1 || request.functionVersion() >= MAX_VERSION
                || request.triggerVersion() < 1 || request.triggerVersion() > MAX_VERSION) {
            problems.add("definition versions must be 1 to " + MAX_VERSION + " (function " + request.functionVersion()
                    + ", trigger " + request.triggerVersion() + ")");
        }
        if (request.batchSize() < 1 || request.batchSize() > 1_000_000) {
            problems.add("batch size must be 1 to 1000000 rows (each batch is one transaction): "
                    + request.batchSize());
        }
        if (request.firstVersion().signum() <= 0) {
            problems.add("the first migration version must be positive: " + request.firstVersion());
        }
        return problems;
    }

    private static void fail(ExpandContractRequest request, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String subject = request.change().table().name() + "." + request.change().column();
        throw new BasculeException.Configuration("cannot generate expand/contract " + request.effectiveName() + " for "
                + subject + ":\n  " + String.join("\n  ", problems));
    }
}
