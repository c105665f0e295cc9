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
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bascule gen secure-migration -n NAME}: the scrubbed copy in the environment's secure folder (in git), the
 * production file in {@code tmp/} (owner-only, never in git) and the manifest line.
 */
@Command(name = "secure-migration", mixinStandardHelpOptions = true, description = "Create a secure migration: a scrubbed copy in the secure folder,"
        + " the production file in tmp/ (mode 0600) and the manifest line.")
final class GenSecureMigrationCommand implements Callable<Integer> {

    static final String TMP = "tmp";

    @ParentCommand
    GenCommand gen;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "snake_case name, e.g. add_office_users.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the scrubbed copy (default: the environment's first local 'secure' folder).")
    String dir;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        String problem = GenCommand.snakeCaseProblem(name);
        if (problem != null) {
            throw new BasculeException.Configuration("gen secure-migration: " + problem);
        }
        Path workingDir = gen.root.workingDir();
        ResolvedEnvironment env = Target.resolve(target, workingDir);
        Path secureFolder = dir != null ? workingDir.resolve(dir) : firstLocalFolder(List.copyOf(env.secureLocations()))
                .orElseThrow(() -> new BasculeException.Configuration("gen secure-migration: environment '" + env.name()
                        + "' has no local 'secure' folder for the scrubbed copy: add one to 'secure:' (and 'paths:') in"
                        + " bascule.yml, or pass --dir"));
        Path tmp = workingDir.resolve(TMP);
        // The version is chosen first, so the git check looks at the very file that will be written.
        List<Path> folders = new ArrayList<>(List.of(secureFolder, tmp));
        env.paths().stream().map(p -> firstLocalFolder(List.of(p))).flatMap(java.util.Optional::stream).forEach(folders::add);
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC).withNano(0);
        String fileName = GenCommand.VERSION.format(now) + "_" + name + ".up.sql";
        while (taken(folders, fileName.substring(0, 14))) {
            now = now.plusSeconds(1);
            fileName = GenCommand.VERSION.format(now) + "_" + name + ".up.sql";
        }
        Path production = tmp.resolve(fileName);
        GitGuard.refuseUnlessIgnored(workingDir, tmp, production, "gen secure-migration");

        Files.createDirectories(secureFolder);
        Path scrubbed = secureFolder.resolve(fileName);
        Files.writeString(scrubbed, scrubbedTemplate(name, now), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        Files.createDirectories(tmp);
        writeOwnerOnly(production, productionTemplate(name, fileName, now));

        PrintWriter out = spec.commandLine().getOut();
        if (!inPaths(env, secureFolder)) {
            spec.commandLine().getErr().println("warning: " + Target.displayPath(secureFolder, workingDir) + " is not in"
                    + " environment " + env.name() + "'s paths, so its migrate will not find the scrubbed copy: add it to 'paths:'");
        }
        out.println("created " + Target.displayPath(scrubbed, workingDir) + " (scrubbed copy, goes into git: no secrets)");
        out.println("created " + Target.displayPath(production, workingDir) + " (production file, mode 0600, never commit it)");
        if (env.manifest().isPresent()) {
            Path manifest = Path.of(env.manifest().get());
            GenCommand.appendToManifest(manifest, fileName);
            out.println("added to " + Target.displayPath(manifest, workingDir));
        }
        out.println("next: write the real SQL in " + Target.displayPath(production, workingDir)
                + ", the same statements with fake values in the scrubbed copy, then 'bascule secure upload "
                + Target.displayPath(production, workingDir) + "'");
        return 0;
    }

    /** The first location that is a local folder (a bare path or an absolute {@code file:///} URI). */
    static java.util.Optional<Path> firstLocalFolder(List<String> locations) {
        for (String location : locations) {
            String scheme = Sources.schemeOf(location);
            if (scheme == null) {
                return java.util.Optional.of(Path.of(location));
            }
            if (scheme.equals("file") && location.startsWith("file:///")) {
                return java.util.Optional.of(Path.of(URI.create(location)));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean inPaths(ResolvedEnvironment env, Path folder) {
        Path wanted = folder.toAbsolutePath().normalize();
        return env.paths().stream().map(p -> firstLocalFolder(List.of(p))).flatMap(java.util.Optional::stream)
                .anyMatch(p -> p.toAbsolutePath().normalize().equals(wanted));
    }

    private static boolean taken(List<Path> folders, String version) throws IOException {
        for (Path folder : folders) {
            if (Files.isDirectory(folder) && GenCommand.Migration.versionTaken(folder, version)) {
                return true;
            }
        }
        return false;
    }

    /** Created with mode 0600 from the first byte (never readable by others, not even briefly). */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String scrubbedTemplate(String name, ZonedDateTime created) {
        return "-- " + name + " (SCRUBBED COPY of a secure migration)\n"
                + "-- Created " + DateTimeFormatter.ISO_INSTANT.format(created) + " by bascule gen secure-migration.\n"
                + "--\n"
                + "-- THIS FILE IS COMMITTED TO GIT: IT MUST HOLD NO SECRETS.\n"
                + "-- Write the same statements as the production file, with fake values (no real names, e-mail\n"
                + "-- addresses, certificates, keys or passwords). Development and CI databases run this copy;\n"
                + "-- deployed environments run the real file from their S3 secure-store instead.\n"
                + "\n";
    }

    static String productionTemplate(String name, String fileName, ZonedDateTime created) {
        return "-- " + name + " (PRODUCTION secure migration: real data)\n"
                + "-- Created " + DateTimeFormatter.ISO_INSTANT.format(created) + " by bascule gen secure-migration.\n"
                + "--\n"
                + "-- Never commit this file. Test it with 'bascule exec tmp/" + fileName + " --env <local mirror>',\n"
                + "-- upload it with 'bascule secure upload tmp/" + fileName + "', then delete it.\n"
                + "\n";
    }
}
