package dev.bascule.live;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new connection to the database being migrated, for a probe's own use; {@code database::connect} of a
 * {@link dev.bascule.db.Database} fits. The probe changes session settings (timeouts, application_name) and closes
 * the connection when done, so hand out a fresh connection, not one shared with a pool or the migration.
 */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
