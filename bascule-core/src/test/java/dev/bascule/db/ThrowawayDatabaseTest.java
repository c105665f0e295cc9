package dev.bascule.db;

import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one throwaway database of check-reversible, drift --replay and trace, on a real PostgreSQL. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ThrowawayDatabaseTest {

    private static long movesIn(Database database) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'moves'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> named(TestDatabase db, String name) {
        return db.column("SELECT datname FROM pg_database WHERE datname = '" + name + "'");
    }

    @Test
    void aCopyHoldsTheTargetsTablesAnEmptyOneNoneAndCloseDropsBoth(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE moves (id int)");
        List<Problem> warnings = new ArrayList<>();
        ThrowawayDatabase.Copy copy = ThrowawayDatabase.copyOf(db.admin(), db.name(), "trace", warnings::add);
        String copyName;
        try (ThrowawayDatabase shadow = copy.database()) {
            copyName = shadow.name();
            assertThat(copy.whyNotACopy()).isEmpty();
            assertThat(copyName).matches("bascule_shadow_[0-9a-f]{12}");
            assertThat(movesIn(shadow.database())).isEqualTo(1);
        }
        String emptyName;
        try (ThrowawayDatabase shadow = ThrowawayDatabase.empty(db.admin(), "check-reversible", warnings::add)) {
            emptyName = shadow.name();
            assertThat(emptyName).matches("bascule_shadow_[0-9a-f]{12}").isNotEqualTo(copyName);
            assertThat(named(db, emptyName)).containsExactly(emptyName);
            assertThat(movesIn(shadow.database())).isZero();
        }
        assertThat(named(db, copyName)).isEmpty();
        assertThat(named(db, emptyName)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aLoginThatMayNotCreateDatabasesIsToldSoByTheCommandsName(TestDatabase db) {
        String role = "nocreate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        db.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'pw-7'");
        try {
            Database login = new Database(db.url(), role, "pw-7");
            assertThatThrownBy(() -> ThrowawayDatabase.empty(login, "drift --replay", p -> { }))
                    .isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageStartingWith("drift --replay: cannot create the shadow database bascule_shadow_")
                    .hasMessageContaining("may not create databases. drift --replay works on a throwaway database of its"
                            + " own, which needs the CREATEDB privilege (ALTER ROLE \"" + role + "\" CREATEDB)")
                    .hasMessageContaining("--embedded")
                    .hasMessageNotContaining("pw-7");
            // A copy must be made on the target's server: no other server is suggested.
            assertThatThrownBy(() -> ThrowawayDatabase.copyOf(login, db.name(), "trace", p -> { }))
                    .isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageStartingWith("trace: cannot create the shadow database bascule_shadow_")
                    .hasMessageContaining("the CREATEDB privilege (ALTER ROLE \"" + role + "\" CREATEDB)")
                    .hasMessageNotContaining("--embedded")
                    .hasMessageNotContaining("pw-7");
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }
}
