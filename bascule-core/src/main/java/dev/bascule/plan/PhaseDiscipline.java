package dev.bascule.plan;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seed 003's slow roll: the phases of one expand/contract change ship in separate releases, because each phase needs
 * the application code of the one before it deployed everywhere. A run that would apply two phases of one change is
 * refused unless the user says the releases are being taken together ({@code --allow-phase-skip}); version order
 * then keeps phase-1 schema, phase-1 data, phase-2 schema ... in sequence.
 */
final class PhaseDiscipline {

    private PhaseDiscipline() {
    }

    static List<Problem> check(List<Migration> toApply) {
        Map<String, TreeMap<Integer, List<Migration>>> phases = new LinkedHashMap<>();
        for (Migration m : toApply) {
            m.phase().ifPresent(p -> phases.computeIfAbsent(p.change(), k -> new TreeMap<>())
                    .computeIfAbsent(p.number(), k -> new ArrayList<>()).add(m));
        }
        List<Problem> problems = new ArrayList<>();
        phases.forEach((change, byPhase) -> {
            if (byPhase.size() > 1) {
                int firstPhase = byPhase.firstKey();
                List<Migration> first = byPhase.get(firstPhase);
                int nextPhase = byPhase.higherKey(firstPhase);
                Migration next = byPhase.get(nextPhase).get(0);
                problems.add(Problem.of(next.path(), "phase " + nextPhase + " of change " + change + " would run in the"
                        + " same migrate as its phase " + firstPhase + " (" + first.get(0).fileName() + "): each phase"
                        + " needs the application release of the phase before it deployed everywhere first. Migrate up"
                        + " to the end of phase " + firstPhase + " (--target " + first.get(first.size() - 1).version()
                        + "), deploy, then migrate again; or, when taking several releases at once on purpose, pass"
                        + " --allow-phase-skip"));
            }
        });
        return problems;
    }
}
