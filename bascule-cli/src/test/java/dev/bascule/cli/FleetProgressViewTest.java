package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.fleet.FleetOperation;
import dev.bascule.fleet.FleetResult;
import dev.bascule.fleet.FleetTarget;
import dev.bascule.fleet.TargetOutcome;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet's progress view: a block redrawn in place on a terminal, plain lines elsewhere. */
class FleetProgressViewTest {

    private static final String UP_AND_CLEAR = "\033[1A\033[2K";

    private static FleetTarget target(String name) {
        return FleetTarget.of(name, Bascule.configure().dataSource("jdbc:postgresql://h:5432/" + name, "u", null).build());
    }

    private static FleetResult ok(FleetTarget target) {
        return new FleetResult(target, TargetOutcome.OK, 3, OptionalInt.of(0), Duration.ofMillis(1200), Optional.empty(), 0);
    }

    @Test
    void onATerminalEachRunningTargetHasOneLineRedrawnInPlaceAndFinishedTargetsStayAbove() {
        StringWriter text = new StringWriter();
        FleetProgressView view = new FleetProgressView(new PrintWriter(text), true, 60);
        FleetTarget a = target("tenant_a");
        FleetTarget b = target("tenant_b");
        view.fleetStarting(FleetOperation.MIGRATE, 2, 2);
        view.targetStarted(a);
        view.targetStarted(b);
        view.targetProgress(a, "waiting for a lock: pid 42 holds AccessExclusiveLock on a very long table name indeed");
        view.targetFinished(ok(a));
        view.close();

        String out = text.toString();
        // After b started, the block (a's line, b's line, totals) was erased line by line before the redraw.
        assertThat(out).contains(UP_AND_CLEAR.repeat(3));
        assertThat(out).contains("  tenant_a: waiting for a lock: pid 42 holds AccessExclu...");
        assertThat(out).contains("bascule: fleet: tenant_a: ok, applied 3, 0 pending (1.2 s)");
        assertThat(out).contains("  [1/2 done, 0 failed, 1 running]");
        // Every line drawn fits the width, so moving up by the lines drawn lands where the block began.
        out.lines().filter(l -> l.startsWith("  ")).forEach(l -> assertThat(l.length()).isLessThan(60));
        // close() erased the last block (b's line and the totals).
        assertThat(out).endsWith(UP_AND_CLEAR.repeat(2) + "\r");
    }

    @Test
    void elsewhereItPrintsPlainLinesOnlyForStartsEndsAndWaits() {
        StringWriter text = new StringWriter();
        FleetProgressView view = new FleetProgressView(new PrintWriter(text), false, 60);
        FleetTarget a = target("tenant_a");
        view.fleetStarting(FleetOperation.STATUS, 1, 4);
        view.targetStarted(a);
        view.targetStep(a, "applying 0001_x.up.sql (0 applied so far)");
        view.targetProgress(a, "waiting for a lock: pid 42");
        view.targetFinished(ok(a));
        view.close();

        assertThat(text.toString()).isEqualTo("""
                bascule: fleet status: 1 target(s), 1 at a time (at most 1 connection(s))
                bascule: fleet: tenant_a: started
                bascule: fleet: tenant_a: waiting for a lock: pid 42
                bascule: fleet: tenant_a: ok, applied 3, 0 pending (1.2 s)
                """);
    }
}
