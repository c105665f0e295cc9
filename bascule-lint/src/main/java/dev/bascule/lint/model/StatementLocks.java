package dev.bascule.lint.model;

import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.TableConstraint;

import java.util.Locale;

/** The table-level lock a statement takes, following the PostgreSQL documentation of each command. */
public final class StatementLocks {

    private StatementLocks() {
    }

    public static LockMode of(Ddl ddl) {
        if (ddl instanceof Ddl.AlterTable a) {
            return a.actions().stream().map(StatementLocks::of).reduce(LockMode.NONE, LockMode::max);
        } else if (ddl instanceof Ddl.CreateIndex i) {
            return i.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE;
        } else if (ddl instanceof Ddl.DropIndex d) {
            return d.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
        } else if (ddl instanceof Ddl.DropTable || ddl instanceof Ddl.Truncate || ddl instanceof Ddl.Cluster) {
            return LockMode.ACCESS_EXCLUSIVE;
        } else if (ddl instanceof Ddl.Vacuum v) {
            return v.full() ? LockMode.ACCESS_EXCLUSIVE : LockMode.SHARE_UPDATE_EXCLUSIVE;
        } else if (ddl instanceof Ddl.Reindex r) {
            return r.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE;
        } else if (ddl instanceof Ddl.Insert || ddl instanceof Ddl.Update || ddl instanceof Ddl.Delete
                || ddl instanceof Ddl.Copy) {
            return LockMode.ROW_EXCLUSIVE;
        } else if (ddl instanceof Ddl.Comment) {
            return LockMode.SHARE_UPDATE_EXCLUSIVE;
        } else if (ddl instanceof Ddl.LockTable l) {
            return lockNamed(l.mode());
        } else if (ddl instanceof Ddl.DropOther d) {
            // DROP TRIGGER locks its table, DROP VIEW the view, DROP SCHEMA CASCADE everything it drops.
            return d.objectKind().equals("TRIGGER") || d.objectKind().endsWith("VIEW")
                    || (d.objectKind().equals("SCHEMA") && d.cascade()) ? LockMode.ACCESS_EXCLUSIVE : LockMode.NONE;
        } else if (ddl instanceof Ddl.SetSchema s) {
            return s.objectKind().endsWith("VIEW") || s.objectKind().equals("SEQUENCE")
                    ? LockMode.ACCESS_EXCLUSIVE : LockMode.NONE;
        }
        return LockMode.NONE;
    }

    public static LockMode of(AlterAction action) {
        if (action instanceof AlterAction.AddConstraint a) {
            return a.constraint().kind() == TableConstraint.Kind.FOREIGN_KEY
                    ? LockMode.SHARE_ROW_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
        } else if (action instanceof AlterAction.ValidateConstraint) {
            return LockMode.SHARE_UPDATE_EXCLUSIVE;
        } else if (action instanceof AlterAction.DetachPartition d) {
            return d.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
        } else if (action instanceof AlterAction.DisableTrigger) {
            return LockMode.SHARE_ROW_EXCLUSIVE;
        } else if (action instanceof AlterAction.Other o) {
            return switch (o.lock()) {
                case SHARE_UPDATE_EXCLUSIVE -> LockMode.SHARE_UPDATE_EXCLUSIVE;
                case SHARE_ROW_EXCLUSIVE -> LockMode.SHARE_ROW_EXCLUSIVE;
                case ACCESS_EXCLUSIVE -> LockMode.ACCESS_EXCLUSIVE;
            };
        }
        return LockMode.ACCESS_EXCLUSIVE;
    }

    /** The table a statement locks, or {@code null}. */
    public static QName table(Ddl ddl) {
        if (ddl instanceof Ddl.AlterTable a) {
            return a.table();
        } else if (ddl instanceof Ddl.CreateIndex i) {
            return i.table();
        } else if (ddl instanceof Ddl.DropTable d) {
            return d.tables().get(0);
        } else if (ddl instanceof Ddl.Truncate t) {
            return t.tables().get(0);
        } else if (ddl instanceof Ddl.Cluster c) {
            return c.table();
        } else if (ddl instanceof Ddl.Vacuum v) {
            return v.tables().isEmpty() ? null : v.tables().get(0);
        } else if (ddl instanceof Ddl.Reindex r) {
            return "TABLE".equals(r.targetKind()) ? r.target() : null;
        } else if (ddl instanceof Ddl.Insert i) {
            return i.table();
        } else if (ddl instanceof Ddl.Update u) {
            return u.table();
        } else if (ddl instanceof Ddl.Delete d) {
            return d.table();
        } else if (ddl instanceof Ddl.Copy c) {
            return c.table();
        } else if (ddl instanceof Ddl.LockTable l) {
            return l.tables().get(0);
        } else if (ddl instanceof Ddl.DropOther d) {
            return d.on() != null ? d.on() : d.objectKind().endsWith("VIEW") && !d.names().isEmpty()
                    ? d.names().get(0) : null;
        } else if (ddl instanceof Ddl.SetSchema s && s.objectKind().endsWith("VIEW")) {
            return s.object();
        }
        return null;
    }

    private static LockMode lockNamed(String mode) {
        String normalized = mode.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        for (LockMode m : LockMode.values()) {
            if (m.sqlName().equals(normalized)) {
                return m;
            }
        }
        return LockMode.ACCESS_EXCLUSIVE;
    }
}
