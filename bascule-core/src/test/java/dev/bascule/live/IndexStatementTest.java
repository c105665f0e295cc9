package dev.bascule.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexStatementTest {

    @Test
    void readsTheIndexAndTableNamesAsPostgresqlStoresThem() {
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY Moves_Status_Idx ON Moves (status)"))
                .contains(new IndexStatement("moves_status_idx", null, "moves"));
        assertThat(IndexStatement.parseConcurrentCreate(
                "create unique index concurrently if not exists \"Moves \"\"Key\"\"\" on only \"Sales\".Orders using btree (id)"))
                .contains(new IndexStatement("Moves \"Key\"", "Sales", "orders"));
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY ON app.public.moves (status)"))
                .contains(new IndexStatement(null, "public", "moves"));
        assertThat(IndexStatement.parseConcurrentCreate("/* by hand */ CREATE -- unique?\n INDEX\tCONCURRENTLY\n i ON t (x);"))
                .contains(new IndexStatement("i", null, "t"));
    }

    @Test
    void tellsTheIfNotExistsClauseFromAnIndexNamedIf() {
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY if ON t (x)"))
                .contains(new IndexStatement("if", null, "t"));
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (x)"))
                .contains(new IndexStatement("ix", null, "t"));
    }

    @Test
    void cutsLongNamesTo63BytesAsPostgresqlDoes() {
        String name = "a".repeat(70);
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY " + name + " ON t (x)"))
                .hasValueSatisfying(s -> assertThat(s.indexName()).isEqualTo("a".repeat(63)));
        String accented = "\"" + "é".repeat(40) + "\"";
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY " + accented + " ON t (x)"))
                .hasValueSatisfying(s -> assertThat(s.indexName()).isEqualTo("é".repeat(31)));
    }

    @Test
    void leavesNamesItCannotDecodeUnknown() {
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY U&\"d\\0061t\" ON t (x)"))
                .contains(new IndexStatement(null, null, "t"));
    }

    @Test
    void isEmptyForAnythingButCreateIndexConcurrently() {
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX moves_idx ON moves (x)")).isEmpty();
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY s.i ON t (x)")).isEmpty();
        assertThat(IndexStatement.parseConcurrentCreate("REINDEX INDEX CONCURRENTLY moves_idx")).isEmpty();
        assertThat(IndexStatement.parseConcurrentCreate("SELECT 'CREATE INDEX CONCURRENTLY i ON t (x)'")).isEmpty();
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY i ON")).isEmpty();
        assertThat(IndexStatement.parseConcurrentCreate("CREATE INDEX CONCURRENTLY \"i ON t (x)")).isEmpty();
        assertThat(IndexStatement.parseConcurrentCreate("")).isEmpty();
    }
}
