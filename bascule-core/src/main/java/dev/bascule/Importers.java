package dev.bascule;

import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Converts another migration tool's project into Bascule's file layout ({@code bascule import TOOL DIR --to DIR}).
 * The converters are plug-ins found with {@link ServiceLoader} ({@code bascule-adopt} offers {@code flyway},
 * {@code golang-migrate}, {@code dbmate} and {@code prisma}); shells reach them through this class only, so none of
 * them depends on a plug-in module.
 */
public final class Importers {

    private Importers() {
    }

    /** One tool's converter: the service interface plug-in modules implement. */
    public interface Converter {

        /** The name users write: {@code flyway}. */
        String tool();

        /** The tool's name in messages: {@code Flyway}. */
        default String displayName() {
            return tool();
        }

        /**
         * Converts the tool's files in {@code request.sourceDir()} into Bascule files in {@code request.targetDir()},
         * with a manifest. Files it cannot convert are listed in the report with the reason, never silently dropped.
         *
         * @throws BasculeException.Configuration when nothing can be done (unreadable folder, conflicting target)
         */
        Report convert(Request request);
    }

    /**
     * What to convert.
     *
     * @param sourceDir   the tool's migrations folder
     * @param targetDir   where Bascule's files go (created when missing)
     * @param manifest    the manifest to write; empty: {@code manifest.txt} in the target folder
     * @param displayBase paths in the report are shown relative to this folder when inside it
     */
    public record Request(Path sourceDir, Path targetDir, Optional<Path> manifest, Path displayBase) {
    }

    /**
     * One converted source file.
     *
     * @param source the file as found in the source folder (relative to it)
     * @param target the file written (relative to the target folder)
     * @param note   how it runs when that differs from one transaction per file, or an empty string
     */
    public record Converted(String source, String target, String note) {
    }

    /**
     * What a conversion did.
     *
     * @param tool         the tool's display name
     * @param converted    every file written from a source file, in version order
     * @param notConverted every source file left out, with the reason (file, line when known, what to do)
     * @param warnings     converted, but the user should look (order differences, files changed in place...)
     * @param written      the manifests and other files written besides the migrations, as displayed paths
     * @param versions     how the tool's versions became Bascule versions, in one sentence
     * @param stages       the {@code stages:} block of bascule.yml the converted files need, when a single
     *                     versioned folder is not enough (repeatable files)
     */
    public record Report(String tool, List<Converted> converted, List<Problem> notConverted, List<Problem> warnings,
                         List<String> written, String versions, Optional<String> stages) {
        public Report {
            converted = List.copyOf(converted);
            notConverted = List.copyOf(notConverted);
            warnings = List.copyOf(warnings);
            written = List.copyOf(written);
        }
    }

    /** The converters on the class path. */
    public static List<Converter> installed() {
        return ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The names of the tools that can be imported, sorted. */
    public static List<String> tools() {
        return installed().stream().map(Converter::tool).sorted().toList();
    }

    /**
     * Converts {@code tool}'s project as the request says.
     *
     * @throws BasculeException.Configuration for an unknown tool or a source folder that does not exist
     */
    public static Report importProject(String tool, Request request) {
        Converter converter = installed().stream().filter(c -> c.tool().equals(tool)).findFirst()
                .orElseThrow(() -> new BasculeException.Configuration("import " + tool + ": no such tool; known: " + tools()
                        + (tools().isEmpty() ? " (the converters live in bascule-adopt: put it on the class path)" : "")));
        if (!Files.isDirectory(request.sourceDir())) {
            throw new BasculeException.Configuration("import " + tool + ": " + request.sourceDir() + " is not a folder:"
                    + " give the folder that holds " + converter.displayName() + "'s migration files");
        }
        return converter.convert(request);
    }

    /** As {@link #importProject(String, Request)}, with relative paths resolved against the working directory. */
    public static Report importProject(String tool, Path sourceDir, Path targetDir, Optional<Path> manifest) {
        Path base = Path.of("").toAbsolutePath();
        return importProject(tool, new Request(base.resolve(sourceDir), base.resolve(targetDir),
                manifest.map(base::resolve), base));
    }
}
