package dev.bascule.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Commands and SQL files run around a migrate (seed 004 restarts the application afterwards): each is a SQL file run
 * on the migration connection (recorded nowhere) or a shell command run with a time limit, with the environment's name
 * and the applied versions in its environment ({@code BASCULE_ENVIRONMENT}, {@code BASCULE_APPLIED}).
 *
 * @param beforeMigrate after the lock is taken, before the first migration; a failure applies nothing
 * @param afterEach     after each applied migration ({@code BASCULE_VERSION}, {@code BASCULE_SCRIPT} set)
 * @param afterMigrate  after a successful migrate; a failure is reported as such, the migrations stay applied
 * @param onError       when migrate fails (the failure is still reported)
 * @param timeout       how long one shell command may run
 */
public record Hooks(List<Hook> beforeMigrate, List<Hook> afterEach, List<Hook> afterMigrate, List<Hook> onError,
                    Duration timeout) {

    public static final Hooks NONE = new Hooks(List.of(), List.of(), List.of(), List.of(), Duration.ofMinutes(5));

    public Hooks {
        beforeMigrate = List.copyOf(beforeMigrate);
        afterEach = List.copyOf(afterEach);
        afterMigrate = List.copyOf(afterMigrate);
        onError = List.copyOf(onError);
    }

    public boolean isEmpty() {
        return beforeMigrate.isEmpty() && afterEach.isEmpty() && afterMigrate.isEmpty() && onError.isEmpty();
    }

    /** One hook: a SQL file, or a shell command run in the base folder. */
    public sealed interface Hook {
        record SqlFile(Path file) implements Hook {
        }

        record Command(String command) implements Hook {
        }
    }
}
