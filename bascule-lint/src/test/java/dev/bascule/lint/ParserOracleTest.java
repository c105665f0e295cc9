package dev.bascule.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.ParsedScript;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.lint.parse.TableConstraint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement of the MilMove corpus read by the lint parser and by PostgreSQL's own parser (libpg_query):
 * statement kind, CONCURRENTLY, UNIQUE, table names, ALTER TABLE sub-commands with NOT VALID, column counts and
 * WHERE presence must agree. Skipped when libpg_query is not installed ({@code apt-get install libpg-query-dev}).
 */
class ParserOracleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STATEMENT_CHARS = 100_000;

    @Test
    void lintParserAgreesWithPostgresOnTheCorpus() throws Exception {
        Optional<PgQuery> oracle = PgQuery.load();
        Assumptions.assumeTrue(oracle.isPresent(), "libpg_query not installed (apt-get install libpg-query-dev)");
        Path root = MilmoveCorpus.root().orElse(null);
        Assumptions.assumeTrue(root != null, "shared/corpora/milmove not found above the working directory");
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Path file : MilmoveCorpus.sqlFiles(root)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (SqlStatement s : ParsedScript.parse(file.toString(), text).statements()) {
                if (s.sql().length() > MAX_STATEMENT_CHARS) {
                    continue;
                }
                Optional<String> tree = oracle.get().parse(s.sql());
                if (tree.isEmpty()) {
                    continue;
                }
                JsonNode stmts = JSON.readTree(tree.get()).path("stmts");
                if (stmts.size() != 1) {
                    mismatches.add(where(file, s) + " PostgreSQL sees " + stmts.size() + " statements");
                    continue;
                }
                compared++;
                String problem = compare(s.ddl(), stmts.get(0).get("stmt"));
                if (problem != null) {
                    mismatches.add(where(file, s) + " " + problem);
                }
            }
        }
        assertThat(compared).isGreaterThan(30_000);
        assertThat(mismatches).as(mismatches.size() + " of " + compared + " statements disagree").isEmpty();
    }

    @Test
    void theComparisonNoticesADifference() throws Exception {
        Optional<PgQuery> oracle = PgQuery.load();
        Assumptions.assumeTrue(oracle.isPresent(), "libpg_query not installed (apt-get install libpg-query-dev)");
        String[][] pairs = {
            {"ALTER TABLE t ALTER COLUMN c TYPE varchar(20);", "ALTER TABLE t ALTER COLUMN c TYPE varchar(30);"},
            {"CREATE TABLE t (a int NOT NULL, b text);", "CREATE TABLE t (a int, b text);"},
            {"CREATE INDEX CONCURRENTLY i ON t (a);", "CREATE INDEX i ON t (a);"},
            {"ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT VALID;", "ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0);"},
            {"UPDATE t SET a = 1 WHERE b;", "UPDATE t SET a = 1;"},
        };
        for (String[] pair : pairs) {
            JsonNode postgres = JSON.readTree(oracle.get().parse(pair[0]).orElseThrow()).path("stmts").get(0)
                    .get("stmt");
            assertThat(compare(ParsedScript.parse("a.sql", pair[0]).statements().get(0).ddl(), postgres)).as(pair[0]).isNull();
            assertThat(compare(ParsedScript.parse("b.sql", pair[1]).statements().get(0).ddl(), postgres)).as(pair[1]).isNotNull();
        }
    }

    private static String where(Path file, SqlStatement s) {
        return file.getFileName() + ":" + s.line();
    }

    /** Null when the two readings agree, else what differs. */
    static String compare(Ddl ddl, JsonNode stmt) {
        Map.Entry<String, JsonNode> node = stmt.fields().next();
        String kind = node.getKey();
        JsonNode n = node.getValue();
        if (ddl instanceof Ddl.NotAnalysed na) {
            return "not analysed by lint (" + na.reason() + ") but PostgreSQL reads " + kind;
        }
        switch (kind) {
            case "IndexStmt" -> {
                if (!(ddl instanceof Ddl.CreateIndex ci)) {
                    return "IndexStmt read as " + name(ddl);
                }
                if (ci.concurrently() != n.path("concurrent").asBoolean() || ci.unique() != n.path("unique").asBoolean()
                        || !ci.table().name().equals(n.path("relation").path("relname").asText())) {
                    return "index differs: " + ci + " vs " + n;
                }
            }
            case "DropStmt" -> {
                String type = n.path("removeType").asText();
                if (type.equals("OBJECT_INDEX") && !(ddl instanceof Ddl.DropIndex d
                        && d.concurrently() == n.path("concurrent").asBoolean())) {
                    return "DROP INDEX read as " + name(ddl);
                }
                if (type.equals("OBJECT_TABLE") && !(ddl instanceof Ddl.DropTable)) {
                    return "DROP TABLE read as " + name(ddl);
                }
            }
            case "CreateStmt" -> {
                if (n.path("relation").path("relpersistence").asText().equals("t") && ddl instanceof Ddl.Opaque) {
                    return null; // temporary tables are deliberately opaque: no rule applies to them
                }
                if (!(ddl instanceof Ddl.CreateTable ct)) {
                    return "CREATE TABLE read as " + name(ddl);
                }
                List<JsonNode> columns = new ArrayList<>();
                for (JsonNode element : n.path("tableElts")) {
                    if (element.has("ColumnDef")) {
                        columns.add(element.get("ColumnDef"));
                    }
                }
                if (!ct.asQueryOrLike() && columns.size() != ct.columns().size()) {
                    return "CREATE TABLE columns " + ct.columns().size() + " vs " + columns.size();
                }
                for (int i = 0; i < columns.size() && !ct.asQueryOrLike(); i++) {
                    String problem = compareColumn(ct.columns().get(i), columns.get(i));
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            case "AlterTableStmt" -> {
                if (!n.path("objtype").asText().equals("OBJECT_TABLE")) {
                    return null;
                }
                if (!(ddl instanceof Ddl.AlterTable at)) {
                    return "ALTER TABLE read as " + name(ddl);
                }
                return compareAlter(at, n.path("cmds"));
            }
            case "RenameStmt" -> {
                String type = n.path("renameType").asText();
                if (type.equals("OBJECT_COLUMN") && !(ddl instanceof Ddl.AlterTable at
                        && at.actions().get(0) instanceof AlterAction.RenameColumn)) {
                    return "RENAME COLUMN read as " + name(ddl);
                }
                if (type.equals("OBJECT_TABLE") && !(ddl instanceof Ddl.AlterTable at
                        && at.actions().get(0) instanceof AlterAction.RenameTable)) {
                    return "RENAME TABLE read as " + name(ddl);
                }
            }
            case "UpdateStmt" -> {
                if (!(ddl instanceof Ddl.Update u) || u.hasWhere() != n.has("whereClause")) {
                    return "UPDATE read as " + ddl;
                }
            }
            case "DeleteStmt" -> {
                if (!(ddl instanceof Ddl.Delete d) || d.hasWhere() != n.has("whereClause")) {
                    return "DELETE read as " + ddl;
                }
            }
            case "InsertStmt" -> {
                if (!(ddl instanceof Ddl.Insert)) {
                    return "INSERT read as " + name(ddl);
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private static String compareAlter(Ddl.AlterTable at, JsonNode cmds) {
        if (cmds.size() != at.actions().size()) {
            return "ALTER TABLE sub-commands " + at.actions().size() + " vs " + cmds.size();
        }
        for (int i = 0; i < cmds.size(); i++) {
            JsonNode cmd = cmds.get(i).path("AlterTableCmd");
            String subtype = cmd.path("subtype").asText();
            AlterAction action = at.actions().get(i);
            boolean ok = switch (subtype) {
                case "AT_AddColumn" -> action instanceof AlterAction.AddColumn add
                        && compareColumn(add.column(), cmd.path("def").path("ColumnDef")) == null;
                case "AT_DropColumn" -> action instanceof AlterAction.DropColumn;
                case "AT_AlterColumnType" -> action instanceof AlterAction.AlterColumnType change
                        && sameType(change.type(), cmd.path("def").path("ColumnDef").path("typeName"));
                case "AT_SetNotNull" -> action instanceof AlterAction.SetNotNull;
                case "AT_DropNotNull" -> action instanceof AlterAction.DropNotNull;
                case "AT_ValidateConstraint" -> action instanceof AlterAction.ValidateConstraint;
                case "AT_DropConstraint" -> action instanceof AlterAction.DropConstraint;
                case "AT_AddConstraint" -> action instanceof AlterAction.AddConstraint add
                        && add.constraint().notValid() == cmd.path("def").path("Constraint").path("skip_validation")
                        .asBoolean() && sameKind(add.constraint().kind(),
                        cmd.path("def").path("Constraint").path("contype").asText());
                case "AT_ColumnDefault" -> action instanceof AlterAction.SetDefault
                        || action instanceof AlterAction.Other;
                case "AT_DetachPartition" -> action instanceof AlterAction.DetachPartition;
                case "AT_SetLogged", "AT_SetUnLogged" -> action instanceof AlterAction.SetLogged;
                case "AT_DisableTrig", "AT_DisableTrigAll", "AT_DisableTrigUser" ->
                        action instanceof AlterAction.DisableTrigger;
                default -> action instanceof AlterAction.Other;
            };
            if (!ok) {
                return "sub-command " + (i + 1) + " " + subtype + " read as " + action;
            }
        }
        return null;
    }

    /** Name and constraints of a column definition; null when they agree. */
    private static String compareColumn(ColumnDef column, JsonNode def) {
        java.util.Set<String> types = new java.util.HashSet<>();
        for (JsonNode c : def.path("constraints")) {
            types.add(c.path("Constraint").path("contype").asText());
        }
        boolean agree = column.name().equals(def.path("colname").asText())
                && column.hasDefault() == types.contains("CONSTR_DEFAULT")
                && column.notNull() == (types.contains("CONSTR_NOTNULL") || types.contains("CONSTR_PRIMARY")
                || types.contains("CONSTR_IDENTITY"))
                && column.primaryKey() == types.contains("CONSTR_PRIMARY")
                && column.unique() == types.contains("CONSTR_UNIQUE")
                && (column.references() != null) == types.contains("CONSTR_FOREIGN")
                && (column.checkText() != null) == types.contains("CONSTR_CHECK")
                && column.generatedStored() == types.contains("CONSTR_GENERATED")
                && column.identity() == types.contains("CONSTR_IDENTITY")
                && sameType(column.type(), def.path("typeName"));
        return agree ? null : "column " + column + " vs " + def;
    }

    /** Type name (in PostgreSQL's internal spelling), modifiers and array-ness. */
    private static boolean sameType(dev.bascule.lint.parse.TypeName type, JsonNode typeName) {
        JsonNode names = typeName.path("names");
        String last = names.get(names.size() - 1).path("String").path("sval").asText();
        String internal = switch (last) {
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "int2" -> "smallint";
            case "bool" -> "boolean";
            case "float8" -> "double precision";
            case "float4" -> "real";
            case "bpchar" -> "char";
            default -> last;
        };
        List<Integer> modifiers = new ArrayList<>();
        for (JsonNode m : typeName.path("typmods")) {
            JsonNode value = m.path("A_Const").path("ival");
            if (value.isMissingNode()) {
                return type.name().equals(internal);
            }
            modifiers.add(value.path("ival").asInt(0));
        }
        if (internal.equals("interval") || internal.startsWith("time")) {
            return type.name().equals(internal) && type.array() == typeName.has("arrayBounds");
        }
        return type.name().equals(internal) && type.array() == typeName.has("arrayBounds")
                && type.modifiers().equals(modifiers);
    }

    private static boolean sameKind(TableConstraint.Kind kind, String contype) {
        return switch (contype) {
            case "CONSTR_PRIMARY" -> kind == TableConstraint.Kind.PRIMARY_KEY;
            case "CONSTR_UNIQUE" -> kind == TableConstraint.Kind.UNIQUE;
            case "CONSTR_FOREIGN" -> kind == TableConstraint.Kind.FOREIGN_KEY;
            case "CONSTR_CHECK" -> kind == TableConstraint.Kind.CHECK;
            case "CONSTR_EXCLUSION" -> kind == TableConstraint.Kind.EXCLUDE;
            default -> true;
        };
    }

    private static String name(Ddl ddl) {
        return ddl.getClass().getSimpleName();
    }
}
