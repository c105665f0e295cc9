package dev.bascule.expand;

import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;

import java.io.FileNotFoundException;
import java.nio.file.Path;

/** Reads a plan's migrations the way the runner would, its {@code \ir} includes served from the plan itself. */
final class PlanFiles {

    private PlanFiles() {
    }

    static IncludeResolver resolver(ExpandContractPlan plan) {
        return (including, path, relative) -> {
            Path wanted = (relative ? Path.of(including).resolveSibling(path) : Path.of(path)).normalize();
            GeneratedFile file = plan.files().stream().filter(f -> f.path().normalize().equals(wanted)).findFirst()
                    .orElseThrow(() -> new FileNotFoundException(wanted + " is not a file of the plan"));
            return new IncludeResolver.IncludedScript(file.path().toString(), file.content());
        };
    }

    static Script parse(ExpandContractPlan plan, GeneratedFile migration) {
        return ScriptParser.parse(migration.path().toString(), migration.content(), resolver(plan));
    }

    /** A migration's text with each {@code \ir} line replaced by the file it includes. */
    static String expanded(ExpandContractPlan plan, GeneratedFile migration) {
        StringBuilder out = new StringBuilder();
        for (String line : migration.content().split("\n", -1)) {
            if (line.startsWith("\\ir ")) {
                Path wanted = migration.path().resolveSibling(line.substring(4).strip()).normalize();
                out.append(plan.files().stream().filter(f -> f.path().normalize().equals(wanted)).findFirst()
                        .orElseThrow().content());
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
