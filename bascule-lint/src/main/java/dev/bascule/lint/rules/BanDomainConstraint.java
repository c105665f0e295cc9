package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.sql.Token;

import java.util.List;

/** CREATE DOMAIN ... CHECK, or ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID. */
public final class BanDomainConstraint extends StatementRule {

    @Override
    public String id() {
        return "ban-domain-constraint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A CHECK constraint on a domain (CREATE DOMAIN ... CHECK, ALTER DOMAIN ... ADD CONSTRAINT).";
    }

    @Override
    public String why() {
        return "A domain constraint applies to every column of that domain in every table: ALTER DOMAIN ... ADD "
                + "CONSTRAINT checks all of them while locking each table, and the constraint cannot later be "
                + "relaxed for one table without changing the column type (a rewrite).";
    }

    @Override
    public String fix() {
        return "Put the CHECK on the table columns instead (added NOT VALID, then validated); if a domain "
                + "constraint is needed, add it NOT VALID and VALIDATE it in a later migration.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (!(ddl instanceof Ddl.Opaque)) {
            return;
        }
        List<Token> t = m.statement(index).tokens();
        boolean create = t.size() > 2 && t.get(0).is("create") && t.get(1).is("domain");
        boolean alter = t.size() > 2 && t.get(0).is("alter") && t.get(1).is("domain");
        boolean check = t.stream().anyMatch(x -> x.is("check"));
        boolean notValid = false;
        for (int i = 0; i + 1 < t.size(); i++) {
            notValid |= t.get(i).is("not") && t.get(i + 1).is("valid");
        }
        boolean addConstraint = t.stream().anyMatch(x -> x.is("add"));
        if (create && check) {
            out.report(index, null, "domain " + t.get(2).text() + " carries a CHECK that binds every column of it",
                    "CREATE DOMAIN " + t.get(2).text() + " AS <type>;\n-- and on each column instead:\n"
                            + "ALTER TABLE <table> ADD CONSTRAINT <name> CHECK (...) NOT VALID;", null);
        } else if (alter && addConstraint && !notValid) {
            out.report(index, null, "ALTER DOMAIN ... ADD CONSTRAINT checks every column of domain "
                    + t.get(2).text() + " in every table under lock",
                    m.statement(index).sql().replaceAll(";\\s*$", "") + " NOT VALID;\n-- in a later migration:\n"
                            + "ALTER DOMAIN " + t.get(2).text() + " VALIDATE CONSTRAINT <name>;", null);
        }
    }
}
