package dev.bascule.adopt;

import dev.bascule.Importers;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One tool's file layout: reads its folder into {@link ImportedMigration}s (judging each file's transaction
 * semantics), and with {@link ProjectWriter} writes them as Bascule files. Each tool's layout is a
 * {@link Importers.Converter} service, found by {@code bascule import TOOL}.
 */
abstract class SourceLayout implements Importers.Converter {

    /** The table the tool records its history in: converted files that touch it are pointed out. */
    abstract String historyTable();

    /** Reads the tool's folder; problem and warning file names are relative to it. */
    abstract Conversion read(Path sourceDir) throws IOException;

    @Override
    public final Importers.Report convert(Importers.Request request) {
        Conversion conversion;
        try {
            conversion = read(request.sourceDir());
        } catch (IOException e) {
            throw new BasculeException.Configuration("import " + tool() + ": cannot read " + request.sourceDir() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "; check the folder and its permissions");
        }
        return new ProjectWriter(this, request).write(conversion);
    }

    /**
     * A script judged for its transaction needs; empty (and a problem added) when it cannot be split.
     *
     * @param toolsChoice the tool's own reason to run it without a transaction, which wins when present
     */
    static Optional<ImportedMigration.Part> sqlPart(String source, String text, Optional<String> toolsChoice,
                                                   List<Problem> notConverted) {
        return sqlPart(source, text, 1, toolsChoice, notConverted);
    }

    /** As above, for a text that starts on line {@code firstLine} of its file (a dbmate section). */
    static Optional<ImportedMigration.Part> sqlPart(String source, String text, int firstLine, Optional<String> toolsChoice,
                                                   List<Problem> notConverted) {
        Optional<String> reason;
        try {
            // Blank lines in front keep line numbers those of the file.
            reason = TransactionNeeds.noTransactionReason(source, "\n".repeat(firstLine - 1) + text);
        } catch (SourceSyntaxError e) {
            notConverted.add(new Problem(source, e.line(), "cannot be split into statements: " + e.detail()));
            return Optional.empty();
        }
        return Optional.of(new ImportedMigration.Part(source, text, toolsChoice.or(() -> reason)));
    }

    /** Reads a file as strict UTF-8; empty (and a problem added) when it is not. */
    static Optional<String> text(Path file, String source, List<Problem> notConverted) throws IOException {
        try {
            return Optional.of(SourceFiles.read(file, source));
        } catch (SourceSyntaxError e) {
            notConverted.add(new Problem(source, e.line(), e.detail()));
            return Optional.empty();
        }
    }

    /**
     * Tools that run files in file-name order (dbmate, Prisma) and Bascule, which runs them by version, agree
     * unless a shorter number sorts after a longer one ({@code 9_a} after {@code 10_b}): say where they differ.
     *
     * @param inToolOrder the migrations in the order the tool ran them
     */
    static void warnOfOrderDifferences(String tool, List<ImportedMigration> inToolOrder, List<Problem> warnings) {
        for (int i = 1; i < inToolOrder.size(); i++) {
            ImportedMigration before = inToolOrder.get(i - 1);
            ImportedMigration after = inToolOrder.get(i);
            if (before.version().compareTo(after.version()) > 0) {
                warnings.add(Problem.of(fileOf(after), tool + " ran it after " + fileOf(before)
                        + " (file-name order) but Bascule runs it first (version order: " + after.version() + " < "
                        + before.version() + "): check the two do not depend on each other, or rename one"));
            }
        }
    }

    /** The file a migration came from (a dbmate part's source also names its section). */
    private static String fileOf(ImportedMigration m) {
        return m.up().source().replaceFirst(" \\(migrate:(up|down)\\)$", "");
    }
}
