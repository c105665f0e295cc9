package dev.bascule.lint.model;

import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.Routine;
import dev.bascule.lint.parse.Routine.Volatility;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How volatile a function called by a statement is, as far as one file and the context tell: a declaration
 * earlier in the same file (CREATE FUNCTION, or ALTER FUNCTION changing it), else the target database's
 * {@code pg_proc} (with {@code --pending}), else PostgreSQL's own functions ({@link BuiltinFunctions}).
 * Unknown functions are reported as unknown: the caller decides (volatile unless an earlier file declares
 * otherwise).
 */
public final class FunctionVolatility {

    private final MigrationFile file;
    private List<Map.Entry<Integer, Routine>> routines;

    FunctionVolatility(MigrationFile file) {
        this.file = file;
    }

    /** The volatility of {@code function} as called by statement {@code index}, if known. */
    public Optional<Volatility> of(QName function, int index) {
        Optional<Volatility> declared = declaredBefore(function, index);
        if (declared.isPresent()) {
            return declared;
        }
        Map<String, Volatility> database = file.context().functions();
        if (database != null && database.containsKey(function.key())) {
            return Optional.of(database.get(function.key()));
        }
        if (function.schema() == null || function.schema().equals("pg_catalog")) {
            return BuiltinFunctions.volatility(function.name());
        }
        return Optional.empty();
    }

    /** The volatility the latest CREATE/ALTER FUNCTION of {@code function} before statement {@code index} gave. */
    public Optional<Volatility> declaredBefore(QName function, int index) {
        if (routines == null) {
            routines = file.routines();
        }
        Volatility found = null;
        for (Map.Entry<Integer, Routine> entry : routines) {
            Routine r = entry.getValue();
            if (entry.getKey() < index && r.name() != null && r.name().equals(function) && r.volatility() != null) {
                found = r.volatility();
            }
        }
        return Optional.ofNullable(found);
    }
}
