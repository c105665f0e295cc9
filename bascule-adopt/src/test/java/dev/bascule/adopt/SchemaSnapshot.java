package dev.bascule.adopt;

import dev.bascule.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;

/**
 * What a migrated database holds in schema public, as comparable lines: tables and columns (type, nullability,
 * default), indexes, views, enum labels and functions; the migration tools' own history tables left out.
 */
final class SchemaSnapshot {

    private static final String HISTORY = "('bascule_schema_migrations', 'flyway_schema_history', 'schema_migrations',"
            + " '_prisma_migrations')";

    private SchemaSnapshot() {
    }

    static List<String> of(TestDatabase db) {
        List<String> lines = new ArrayList<>();
        lines.addAll(db.column("SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '"
                + " || is_nullable || ' ' || coalesce(column_default, '-') FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name NOT IN " + HISTORY + " ORDER BY 1"));
        lines.addAll(db.column("SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename NOT IN " + HISTORY + " ORDER BY 1"));
        lines.addAll(db.column("SELECT 'view ' || table_name || ' ' || view_definition FROM information_schema.views"
                + " WHERE table_schema = 'public' ORDER BY 1"));
        lines.addAll(db.column("SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)"
                + " FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname ORDER BY 1"));
        lines.addAll(db.column("SELECT 'function ' || p.proname || ' ' || md5(p.prosrc) FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1"));
        return lines;
    }
}
