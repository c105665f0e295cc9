package dev.bascule.lint.fix;

import dev.bascule.lint.Linter;
import dev.bascule.lint.model.LintContext;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptSyntaxError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lint --fix}: plans the fixes of every file in order (versions handed to one file's new migrations are
 * taken for the next), then writes them when asked. Secure migrations are refused before their text is read.
 */
public final class LintFixer {

    private final MigrationFixer fixer;
    private final FixOptions options;

    public LintFixer(Linter linter, LintContext context, FixOptions options) {
        this.fixer = new MigrationFixer(linter, context);
        this.options = options;
    }

    /**
     * Plans (and with {@link FixOptions#write()} writes) the fixes of {@code files}.
     *
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public FixReport fix(List<Path> files) {
        Set<Path> folders = new LinkedHashSet<>(options.versionFolders());
        files.forEach(f -> folders.add(f.toAbsolutePath().getParent()));
        NewVersions versions = new NewVersions(List.copyOf(folders), options.clock());
        Map<Path, String> manifests = new HashMap<>();
        List<FilePlan> plans = new ArrayList<>();
        for (Path file : files) {
            if (options.secure().test(file)) {
                plans.add(FilePlan.refused(file, "secure migration: --fix refused; its text is never read into output."
                        + " Apply the safe forms by hand in the production file (see docs/lint-fix.md)"));
                continue;
            }
            String text;
            try {
                text = ScriptFiles.readUtf8(file);
            } catch (ScriptSyntaxError e) {
                plans.add(FilePlan.refused(file, e.getMessage()));
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read the file; check it exists and is readable", e);
            }
            FilePlan plan = fixer.fix(file, text, versions);
            plans.add(withManifest(plan, manifests));
        }
        if (options.write()) {
            plans.forEach(LintFixer::write);
        }
        return new FixReport(plans, options.write());
    }

    private FilePlan withManifest(FilePlan plan, Map<Path, String> manifests) {
        if (plan.newFiles().isEmpty() || options.manifest().isEmpty()) {
            return plan;
        }
        Path manifest = options.manifest().get();
        String before = manifests.computeIfAbsent(manifest, LintFixer::readManifest);
        List<String> added = plan.newFiles().stream().map(n -> n.path().getFileName().toString()).toList();
        Optional<String> after = ManifestLines.insertAfter(before, plan.file().getFileName().toString(), added);
        after.ifPresent(text -> manifests.put(manifest, text));
        FilePlan.ManifestChange change = new FilePlan.ManifestChange(manifest, before, after.orElse(before),
                after.isPresent() ? added : List.of(), after.isPresent() ? Optional.empty()
                : Optional.of(plan.file().getFileName() + " is not listed in " + manifest
                + ": list the new files where it belongs"));
        return new FilePlan(plan.file(), plan.refused(), plan.original(), plan.fixed(), plan.newFiles(), plan.applied(),
                plan.notFixable(), Optional.of(change));
    }

    private static String readManifest(Path manifest) {
        try {
            return Files.exists(manifest) ? Files.readString(manifest) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(manifest + ": cannot read the manifest", e);
        }
    }

    /** New files first (never over an existing one), then the manifest, then the fixed file itself. */
    private static void write(FilePlan plan) {
        if (plan.refused().isPresent() || !plan.changes()) {
            return;
        }
        try {
            for (FilePlan.NewFile n : plan.newFiles()) {
                Files.writeString(n.path(), n.text(), java.nio.charset.StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW);
            }
            if (plan.manifest().isPresent() && !plan.manifest().get().added().isEmpty()) {
                Files.writeString(plan.manifest().get().manifest(), plan.manifest().get().after());
            }
            if (!plan.fixed().equals(plan.original())) {
                Files.writeString(plan.file(), plan.fixed());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(plan.file() + ": cannot write the fix: " + e.getMessage(), e);
        }
    }
}
