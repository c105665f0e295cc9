package dev.bascule.lint.observed;

import dev.bascule.trace.HeldLock;
import dev.bascule.trace.LockLevel;
import dev.bascule.trace.LockObservation;
import dev.bascule.trace.MigrationTrace;
import dev.bascule.trace.Relation;
import dev.bascule.trace.ShadowOrigin;
import dev.bascule.trace.StatementTrace;
import dev.bascule.trace.TraceReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching trace's statements with the linter's files and positions. */
class ObservedLocksTest {

    private static final Relation MOVES = new Relation("public", "moves", "table");
    private static final Relation NOTES = new Relation("public", "notes", "table");

    private static StatementTrace statement(String file, int line, List<HeldLock> locks) {
        return new StatementTrace(file, line, 1, line, "", LockObservation.EXACT, locks, List.of(), List.of(), List.of(),
                true, 0, Duration.ZERO, Optional.empty());
    }

    private static TraceReport report(MigrationTrace... migrations) {
        return new TraceReport("app", "bascule_shadow_1", new ShadowOrigin.TemplateCopy("app"), 170000,
                List.of(migrations), List.of());
    }

    @Test
    void aTracedRelativeFileIsTheLintedFileEndingWithItAndFindingsBelongToTheStatementTheyLieIn() {
        TraceReport report = report(new MigrationTrace("adhoc/x.sql", false, true, List.of(
                statement("adhoc/x.sql", 1, List.of(new HeldLock(MOVES, LockLevel.ACCESS_EXCLUSIVE, true, false))),
                statement("adhoc/x.sql", 4, List.of()))));
        ObservedLocks observed = ObservedLocks.of(report, List.of("/work/app/adhoc/x.sql", "/work/app/other/x.sql"));

        assertThat(observed.inFile("/work/app/adhoc/x.sql")).hasSize(2);
        assertThat(observed.inFile("/work/app/other/x.sql")).isEmpty();
        assertThat(observed.owner("/work/app/adhoc/x.sql", 3, 9)).get().extracting(ObservedStatement::line).isEqualTo(1);
        assertThat(observed.owner("/work/app/adhoc/x.sql", 4, 1)).get().extracting(ObservedStatement::line).isEqualTo(4);
        assertThat(observed.at("/work/app/adhoc/x.sql", 2, 1)).isEmpty();
        assertThat(observed.renamed(f -> "adhoc/x.sql").inFile("adhoc/x.sql")).hasSize(2);
        assertThat(observed.notes().get(0)).contains("2 statement(s) traced", "bascule_shadow_1 (dropped)");
    }

    @Test
    void locksOnRelationsTheMigrationCreatedDoNotCount() {
        ObservedStatement s = new ObservedStatement("f.sql", false, statement("f.sql", 1, List.of(
                new HeldLock(NOTES, LockLevel.ACCESS_EXCLUSIVE, true, true),
                new HeldLock(MOVES, LockLevel.SHARE_ROW_EXCLUSIVE, true, false))));
        assertThat(s.strongestHeld()).contains(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(s.describe()).isEqualTo("SHARE ROW EXCLUSIVE on public.moves");
    }
}
