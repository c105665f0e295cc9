package dev.bascule.expand;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes the files of each phase, numbering migrations in apply order. */
final class PhaseFiles {

    /** The phase-2 migrations after which the next release's code may run (file name steps). */
    static final String SYNC_BOTH_WAYS = "sync_both_ways";
    static final String MOVE_DEFAULT = "move_default";

    /** Comment lines are wrapped at this width. */
    static final int WIDTH = 110;

    private final ExpandContractRequest request;
    private final ColumnChange change;
    private final ColumnFacts facts;
    private final String name;
    private final String table;
    private final String oldColumn;
    private final String newColumn;
    private final ValueMapping mapping;
    private final SyncDefinitions sync;
    private final CarriedObjects carried;
    private final List<GeneratedFile> files = new ArrayList<>();
    private BigInteger nextVersion;

    PhaseFiles(ExpandContractRequest request, ColumnFacts facts, ValueMapping mapping, CarriedObjects carried) {
        this.request = request;
        this.change = request.change();
        this.facts = facts;
        this.name = request.effectiveName();
        this.table = change.table().sql();
        this.oldColumn = SqlText.ident(change.column());
        this.newColumn = SqlText.ident(change.newColumn());
        this.mapping = mapping;
        this.sync = new SyncDefinitions(name, change, request.effectiveSyncName(), mapping);
        this.carried = carried;
        this.nextVersion = request.firstVersion();
    }

    List<GeneratedFile> all() {
        phaseOne();
        phaseTwo();
        phaseThree();
        return List.copyOf(files);
    }

    private String what() {
        String column = change.table().name() + "." + change.column();
        return change instanceof ColumnChange.ChangeType t
                ? "changing " + column + " to " + t.newType() + " (as " + change.newColumn() + ")"
                : "renaming " + column + " to " + change.newColumn();
    }

    private void phaseOne() {
        List<String> add = new ArrayList<>();
        add.add("ALTER TABLE " + table + " ADD COLUMN " + newColumn + " " + mapping.newType()
                + (change instanceof ColumnChange.Rename ? facts.collation().map(c -> " COLLATE " + c).orElse("") : "")
                + ";");
        facts.comment().ifPresent(c -> add.add("COMMENT ON COLUMN " + table + "." + newColumn + " IS "
                + SqlText.literal(c) + ";"));
        migration(1, "add_column", GeneratedFile.Kind.SCHEMA, false, "Phase 1 of 3 (expand) of " + what()
                + ": add the column the next release's code will use. Nothing reads it yet; the next migration keeps"
                + " it equal to " + oldColumn + " and the backfill fills the rows written before. Constraints, NOT"
                + " NULL and indexes follow; the default moves in phase 2.", add);

        Path function = definitionPath(request.layout().functions(), request.functionVersion());
        Path trigger = definitionPath(request.layout().triggers(), request.triggerVersion());
        files.add(new GeneratedFile(function, sync.phaseOneFunction(request.functionVersion()), 1,
                GeneratedFile.Kind.FUNCTION, false, Optional.empty()));
        files.add(new GeneratedFile(trigger, sync.triggerDefinition(request.triggerVersion()), 1,
                GeneratedFile.Kind.TRIGGER, false, Optional.empty()));
        migration(1, "sync_old_to_new", GeneratedFile.Kind.SCHEMA, false, "Phase 1 of 3 (expand): from now on"
                + " every INSERT and UPDATE copies " + oldColumn + " into " + newColumn + ". The function and the"
                + " trigger are versioned definition files (fx style), included here.",
                List.of(include(function), include(trigger)));

        List<String> constraints = carried.addNotValid();
        if (!constraints.isEmpty()) {
            migration(1, "constraints", GeneratedFile.Kind.SCHEMA, false, "Phase 1 of 3 (expand): the old"
                    + " column's constraints on the new one, NOT VALID: every write is checked from now on, the rows"
                    + " written before are checked by VALIDATE in phase 2, which lets writes through. After the"
                    + " trigger on purpose: the code running now does not know " + newColumn + ", and a NOT NULL"
                    + " check without the trigger filling " + newColumn + " would refuse its inserts.", constraints);
        }

        String key = facts.primaryKey().get(0);
        List<String> backfill = List.of("-- bascule:batch size=" + request.batchSize() + " key=" + SqlText.ident(key),
                "UPDATE " + table + " SET " + newColumn + " = " + mapping.backfillValue() + " WHERE "
                        + mapping.backfillPredicate() + ";");
        migration(1, "backfill", GeneratedFile.Kind.DATA, false, "Phase 1 of 3 (expand): copy " + oldColumn
                + " into " + newColumn + " for the rows written before the trigger, in batches of "
                + request.batchSize() + " rows by " + key + ", one transaction each. It cannot race the trigger into"
                + " a wrong value: the SET reads " + oldColumn + " from the row version it writes (a row updated"
                + " meanwhile is read again before it is written) and the trigger computes the same value on that"
                + " write anyway. Rows already equal are skipped, so running it again is harmless.", backfill);
    }

    private void phaseTwo() {
        int version = request.functionVersion() + 1;
        Path function = definitionPath(request.layout().functions(), version);
        files.add(new GeneratedFile(function, sync.phaseTwoFunction(version), 2, GeneratedFile.Kind.FUNCTION, false,
                Optional.empty()));
        migration(2, SYNC_BOTH_WAYS, GeneratedFile.Kind.SCHEMA, false, "Phase 2 of 3: apply before deploying"
                + " the code that reads and writes " + newColumn + ". While the deploy rolls both releases run:"
                + " writes of " + newColumn + " are copied back into " + oldColumn + " for the old code, and the old"
                + " code's writes of " + oldColumn + " still reach " + newColumn + ". CREATE OR REPLACE is atomic:"
                + " no write runs without a sync.", List.of(include(function)));

        List<String> moveDefault = new ArrayList<>();
        if (facts.defaultExpression().isPresent()) {
            moveDefault.add("ALTER TABLE " + table + " ALTER COLUMN " + oldColumn + " DROP DEFAULT;");
        }
        carried.newDefault().ifPresent(d -> moveDefault.add("ALTER TABLE " + table + " ALTER COLUMN " + newColumn
                + " SET DEFAULT " + d + ";"));
        facts.ownedSequence().ifPresent(s -> moveDefault.add("ALTER SEQUENCE " + s + " OWNED BY " + table + "."
                + newColumn + ";"));
        if (!moveDefault.isEmpty()) {
            migration(2, MOVE_DEFAULT, GeneratedFile.Kind.SCHEMA, false, "Phase 2 of 3: the default moves from "
                    + oldColumn + " to " + newColumn + " (one transaction), after the two-way sync: an insert by"
                    + " the previous release that leaves " + oldColumn + " out now gets the default through "
                    + newColumn + ", and a NULL this release writes into " + newColumn + " stays NULL. Only one"
                    + " column has a default at a time, or the trigger could not tell which value an insert"
                    + " wrote.", moveDefault);
        }

        List<String> validate = carried.validate();
        if (!validate.isEmpty()) {
            migration(2, "validate", GeneratedFile.Kind.SCHEMA, false, "Phase 2 of 3: check the rows written"
                    + " before phase 1's constraints (the backfill is done). VALIDATE CONSTRAINT takes a SHARE UPDATE"
                    + " EXCLUSIVE lock: reads and writes go on while it scans.", validate);
        }
        carried.notNullCheck().ifPresent(check -> migration(2, "set_not_null", GeneratedFile.Kind.SCHEMA, false,
                "Phase 2 of 3: NOT NULL on " + newColumn + ". The CHECK validated by the previous migration proves"
                        + " there is no NULL, so PostgreSQL 12+ sets NOT NULL without scanning the table (a moment's"
                        + " ACCESS EXCLUSIVE lock); the check is redundant after that and dropped.",
                List.of("-- bascule:ignore setting-not-null the validated " + check + " proves there is no NULL:"
                                + " no scan",
                        "ALTER TABLE " + table + " ALTER COLUMN " + newColumn + " SET NOT NULL;",
                        "ALTER TABLE " + table + " DROP CONSTRAINT " + SqlText.ident(check) + ";")));

        if (!carried.indexes().isEmpty()) {
            List<String> builds = new ArrayList<>();
            for (CarriedObjects.IndexCopy index : carried.indexes()) {
                builds.add("DROP INDEX CONCURRENTLY IF EXISTS " + change.table().sibling(index.name()) + ";");
                builds.add(index.create());
            }
            migration(2, "indexes", GeneratedFile.Kind.SCHEMA, true, "Phase 2 of 3: the old column's indexes on "
                    + newColumn + ", built CONCURRENTLY: writes go on, and each statement commits on its own. A"
                    + " failed build leaves an invalid index; the DROP before each build clears it when the"
                    + " migration runs again after bascule repair.", builds);
        }
        List<String> attach = carried.indexes().stream().flatMap(i -> i.attach().stream()).toList();
        if (!attach.isEmpty()) {
            migration(2, "unique_constraints", GeneratedFile.Kind.SCHEMA, false, "Phase 2 of 3: the UNIQUE"
                    + " constraints, attached to the indexes just built (a moment's lock, no scan).", attach);
        }
    }

    private void phaseThree() {
        List<String> statements = new ArrayList<>();
        statements.add("DROP TRIGGER " + sync.triggerName() + " ON " + table + ";");
        statements.add("DROP FUNCTION " + sync.functionSignature() + ";");
        statements.add("-- bascule:ignore ban-drop-column phase 3: the code deployed with phase 2 no longer uses "
                + change.column());
        statements.add("ALTER TABLE " + table + " DROP COLUMN " + oldColumn + ";");
        String explanation = "Phase 3 of 3 (contract): apply only once no running code uses " + oldColumn
                + ", that is in a release after the one with phase 2, when that release's code is deployed"
                + " everywhere. Drops the sync trigger and function and " + oldColumn + ".";
        if (change instanceof ColumnChange.ChangeType) {
            explanation += " " + newColumn + " keeps its name: renaming it now would break the code running, which"
                    + " uses that name.";
        }
        migration(3, "contract", GeneratedFile.Kind.SCHEMA, false, explanation, statements);
    }

    private Path definitionPath(Path folder, int version) {
        return folder.resolve(request.effectiveSyncName() + "_v" + SyncDefinitions.versionLabel(version) + ".sql");
    }

    private String include(Path definition) {
        return "\\ir " + FileLayout.relative(request.layout().migrations(), definition);
    }

    private void migration(int phase, String step, GeneratedFile.Kind kind, boolean noTransaction,
                           String explanation, List<String> statements) {
        StringBuilder text = new StringBuilder("-- bascule:phase ").append(name).append(' ').append(phase).append('\n');
        if (kind == GeneratedFile.Kind.DATA) {
            text.append("-- bascule:data\n");
        }
        if (noTransaction) {
            text.append("-- bascule:no-transaction\n");
        }
        text.append(SqlText.comment(explanation, WIDTH));
        if (kind != GeneratedFile.Kind.DATA) {
            text.append('\n');
        }
        for (String statement : statements) {
            text.append(statement).append('\n');
        }
        Path folder = kind == GeneratedFile.Kind.DATA ? request.layout().data() : request.layout().migrations();
        String fileName = nextVersion + "_" + name + "_" + phase + "_" + step + ".up.sql";
        files.add(new GeneratedFile(folder.resolve(fileName), text.toString(), phase, kind, noTransaction,
                Optional.of(nextVersion)));
        nextVersion = nextVersion.add(BigInteger.ONE);
    }
}
