package dev.bascule.expand;

import java.util.List;

/**
 * The files of one expand/contract change, migrations in version (= apply) order, each definition before the
 * first migration including it.
 *
 * @param name  the change's name, written in every migration as {@code -- bascule:phase NAME N}
 * @param files everything to write
 * @param notes what a reviewer must know that the files cannot say (printed by the CLI after writing)
 */
public record ExpandContractPlan(String name, List<GeneratedFile> files, List<String> notes) {

    public ExpandContractPlan {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    /** The migrations of one phase, in apply order. */
    public List<GeneratedFile> migrations(int phase) {
        return files.stream().filter(f -> f.phase() == phase && f.kind().isMigration()).toList();
    }

    public List<GeneratedFile> migrations() {
        return files.stream().filter(f -> f.kind().isMigration()).toList();
    }
}
