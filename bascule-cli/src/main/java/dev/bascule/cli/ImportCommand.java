package dev.bascule.cli;

import dev.bascule.Importers;
import dev.bascule.error.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bascule import TOOL DIR --to DIR [--manifest FILE]}: another tool's files converted into Bascule's layout. */
@Command(name = "import", description = {
        "Convert another tool's migration files into Bascule's layout, with a manifest.",
        "Then 'bascule adopt TOOL' records what the tool applied on each database.",
        "flyway: V1_2__name.sql (Flyway's order kept), U files as downs, R__name.sql",
        "  in a repeatable stage. golang-migrate: 1_name.up.sql and .down.sql.",
        "dbmate: '-- migrate:up' / '-- migrate:down' sections, transaction:false.",
        "prisma: <timestamp>_<name>/migration.sql.",
        "Files that ran outside a transaction get '-- bascule:no-transaction'.",
        "Nothing is overwritten. Exit 3 when a file could not be converted."})
final class ImportCommand implements Callable<Integer> {

    /** A file was left out: the conversion is incomplete, like a failed validation. */
    static final int NOT_ALL_CONVERTED = 3;

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool the files are written for: flyway, golang-migrate, dbmate or prisma.")
    String tool;

    @Parameters(index = "1", paramLabel = "DIR", description = "The tool's migrations folder.")
    Path source;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "Where to write Bascule's files (created when missing).")
    Path target;

    @Option(names = "--manifest", paramLabel = "FILE", description = "The manifest to write (default: manifest.txt in the --to folder).")
    Path manifest;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path wd = root.workingDir();
        Importers.Report report = Importers.importProject(tool, new Importers.Request(wd.resolve(source), wd.resolve(target),
                Optional.ofNullable(manifest).map(wd::resolve), wd));
        out.println("converted " + report.converted().size() + " file(s) from " + report.tool() + " into " + target + ":");
        for (Importers.Converted c : report.converted()) {
            out.println("  " + c.source() + " -> " + c.target() + (c.note().isEmpty() ? "" : "  [" + c.note() + "]"));
        }
        out.println("versions: " + report.versions());
        out.println("wrote " + String.join(", ", report.written()));
        for (Problem warning : report.warnings()) {
            err.println("warning: " + warning);
        }
        if (report.stages().isPresent()) {
            out.println("add these stages to the environment in bascule.yml (repeatable files need their own stage):");
            report.stages().get().lines().forEach(l -> out.println("    " + l));
        } else {
            out.println("run it with: --path " + target + " --manifest " + report.written().get(0)
                    + " (or 'paths' and 'manifest' in bascule.yml)");
        }
        out.println("then, on each database " + report.tool() + " migrated: bascule adopt " + tool);
        if (!report.notConverted().isEmpty()) {
            err.println("not converted (" + report.notConverted().size() + "):");
            report.notConverted().forEach(p -> err.println("  " + p));
            err.flush();
            out.flush();
            return NOT_ALL_CONVERTED;
        }
        out.flush();
        return 0;
    }
}
