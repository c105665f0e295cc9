package dev.bascule.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bascule split FILE [--json]}: prints a script's statements exactly as psql would send them. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Print the statements of a SQL script, cut where psql would cut them.")
public final class SplitCommand implements Callable<Integer> {

    /** Exit status for an unreadable or unsplittable script. */
    static final int SCRIPT_ERROR = BasculeCommand.EXIT_USAGE;

    @Parameters(index = "0", paramLabel = "FILE", description = "SQL script (UTF-8); \\i and \\ir includes are followed")
    Path file;

    @Option(names = "--json", description = "print a JSON array of {line, column, kind, sql}")
    boolean json;

    @Spec
    CommandSpec spec;

    @ParentCommand
    BasculeCommand root;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Script script;
        try {
            // Names stay as the user wrote them; relative paths (FILE and \\i) are read from the working directory.
            String text = ScriptFiles.decodeUtf8(file.toString(), Files.readAllBytes(root.workingDir().resolve(file)));
            script = ScriptParser.parse(file.toString(), text, IncludeResolver.fileSystem(root.workingDir()));
        } catch (NoSuchFileException e) {
            err.println("bascule split: " + file + ": no such file; check the path");
            return SCRIPT_ERROR;
        } catch (IOException e) {
            err.println("bascule split: " + file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
            return SCRIPT_ERROR;
        } catch (ScriptSyntaxError e) {
            err.println("bascule split: " + e.getMessage());
            return SCRIPT_ERROR;
        }
        if (json) {
            printJson(script, out);
        } else {
            printText(script, out);
        }
        out.flush();
        return 0;
    }

    private static void printText(Script script, PrintWriter out) {
        for (Statement statement : script.statements()) {
            out.println("-- " + statement.sourceName() + ":" + statement.line() + ":" + statement.column() + " "
                    + statement.kind());
            out.println(statement.sql());
            if (statement.copyData() != null) {
                out.print(statement.copyData());
                out.println("\\.");
            }
        }
    }

    /** Streams the array so a 4 MB data script is never held twice; non-ASCII is escaped for any console. */
    private static void printJson(Script script, PrintWriter out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
            json.writeStartArray();
            for (Statement statement : script.statements()) {
                json.writeStartObject();
                json.writeNumberField("line", statement.line());
                json.writeNumberField("column", statement.column());
                json.writeStringField("kind", statement.kind().name());
                json.writeStringField("sql", statement.sql());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        out.println();
    }
}
