package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.plan.Plan;

import java.util.List;

/** What a migrate run did: the plan it started from and the migrations it applied, in order. */
public record MigrateResult(Plan plan, List<Migration> applied) {
    public MigrateResult {
        applied = List.copyOf(applied);
    }
}
