package dev.bascule;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.sql.Script;
import dev.bascule.sql.Statement;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * A script split into the statements psql would send ({@code bascule split}); for a secure migration only
 * positions and kinds are ever rendered.
 *
 * @param secret the file is a secure migration: its text is never shown
 */
public record SplitResult(Script script, boolean secret) {

    /** {@code -- FILE:LINE:COLUMN KIND} then the statement (and COPY data), per statement. */
    public void printText(PrintWriter out) {
        for (Statement statement : script.statements()) {
            out.println("-- " + statement.sourceName() + ":" + statement.line() + ":" + statement.column() + " "
                    + statement.kind());
            if (secret) {
                continue;
            }
            out.println(statement.sql());
            if (statement.copyData() != null) {
                out.print(statement.copyData());
                out.println("\\.");
            }
        }
    }

    /** Streams the array so a 4 MB data script is never held twice; non-ASCII is escaped for any console. */
    public void printJson(PrintWriter out) {
        try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
            json.writeStartArray();
            for (Statement statement : script.statements()) {
                json.writeStartObject();
                json.writeNumberField("line", statement.line());
                json.writeNumberField("column", statement.column());
                json.writeStringField("kind", statement.kind().name());
                if (secret) {
                    json.writeNullField("sql");
                } else {
                    json.writeStringField("sql", statement.sql());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }
}
