package dev.bascule.cli;

import dev.bascule.config.ResolvedEnvironment;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code bascule gen ...}: generators. */
@Command(name = "gen", description = "Generate new migration files.", subcommands = {GenCommand.Migration.class, GenSecureMigrationCommand.class})
final class GenCommand {

    @ParentCommand
    BasculeCommand root;

    static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** Why a name is not snake case, or null when it is. */
    static String snakeCaseProblem(String name) {
        if (SNAKE_CASE.matcher(name).matches()) {
            return null;
        }
        String suggestion = name.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        String why;
        if (name.isEmpty()) {
            why = "it is empty";
        } else if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            why = "it has upper-case letters";
        } else if (name.matches(".*[^a-z0-9_].*")) {
            why = "it has characters other than a-z, 0-9 and '_'";
        } else if (!Character.isLetter(name.charAt(0))) {
            why = "it does not start with a letter";
        } else {
            why = "it has a leading, trailing or doubled '_'";
        }
        return "'" + name + "' is not snake_case (" + why + "): use lower-case words joined by single underscores"
                + (suggestion.isEmpty() || !SNAKE_CASE.matcher(suggestion).matches() ? "" : ", e.g. " + suggestion);
    }

    /** Adds {@code fileName} as the manifest's last line (creating the manifest when missing). */
    static void appendToManifest(Path manifest, String fileName) throws IOException {
        String existing = Files.exists(manifest) ? Files.readString(manifest) : "";
        String prefix = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
        Files.writeString(manifest, prefix + fileName + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Command(name = "migration", description = "Create <UTC timestamp>_<name>.up.sql and add it to the manifest.")
    static final class Migration implements Callable<Integer> {

        @ParentCommand
        GenCommand gen;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        TargetOptions target;

        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "snake_case name, e.g. add_status_to_moves.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the new file (default: the first local migration path).")
        String dir;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() throws IOException {
            String problem = snakeCaseProblem(name);
            if (problem != null) {
                throw new BasculeException.Configuration("gen migration: " + problem);
            }
            Path workingDir = gen.root.workingDir();
            ResolvedEnvironment env = Target.resolve(target, workingDir);
            Path folder = dir != null ? workingDir.resolve(dir) : env.paths().stream().filter(p -> Sources.schemeOf(p) == null)
                    .findFirst().map(Path::of).orElseThrow(() -> new BasculeException.Configuration(
                            "gen migration: no local migration path configured: pass --dir or --path"));
            Files.createDirectories(folder);
            ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC).withNano(0);
            String fileName;
            Path file;
            do {
                // Two files generated within one second get consecutive versions, never the same one.
                fileName = VERSION.format(now) + "_" + name + ".up.sql";
                file = folder.resolve(fileName);
                now = now.plusSeconds(1);
            } while (versionTaken(folder, fileName.substring(0, 14)));
            Files.writeString(file, template(name, now.minusSeconds(1)), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            spec.commandLine().getOut().println("created " + Target.displayPath(file, workingDir));
            if (env.manifest().isPresent()) {
                Path manifest = Path.of(env.manifest().get());
                appendToManifest(manifest, fileName);
                spec.commandLine().getOut().println("added to " + Target.displayPath(manifest, workingDir));
            }
            return 0;
        }

        static boolean versionTaken(Path folder, String version) throws IOException {
            try (var files = Files.list(folder)) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith(version + "_"));
            }
        }

        static String template(String name, ZonedDateTime created) {
            return "-- " + name + "\n"
                    + "-- Created " + DateTimeFormatter.ISO_INSTANT.format(created) + " by bascule gen migration.\n"
                    + "--\n"
                    + "-- This file runs once and only once, in one transaction; once applied, never edit it: write a new one.\n"
                    + "-- Keep the schema working for the application version now deployed (add before you remove).\n"
                    + "-- To run statements one by one without a transaction (CREATE INDEX CONCURRENTLY needs it),\n"
                    + "-- put the directive bascule:no-transaction in a comment line of its own at the top of this file.\n"
                    + "\n";
        }
    }
}
