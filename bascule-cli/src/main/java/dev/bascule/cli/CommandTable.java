package dev.bascule.cli;

import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top-level subcommands, by name, and which of them one invocation needs.
 *
 * <p>Why not {@code @Command(subcommands = ...)}: picocli builds the model of every listed command reflectively before
 * parsing, and with two dozen commands that was about 150 ms of a 0.3 s {@code --version} and of every
 * {@code status}. A run of {@code bascule status ...} now builds the model of {@code status} alone; usage help,
 * {@code help}, {@code completion} and anything unrecognised still get the whole tree, so their output is unchanged.
 * {@code CommandTableTest} checks that each name here is its class's {@code @Command} name.
 */
final class CommandTable {

    /** In the order the usage help lists them. */
    static final Map<String, Class<?>> COMMANDS = commands();

    /** Options of the top-level command that take no value and do not print help: they may precede a subcommand. */
    private static final Set<String> PLAIN_ROOT_FLAGS = Set.of("--debug", "-q", "--quiet", "--verbose");

    /** Commands that look at the whole tree. */
    private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

    private CommandTable() {
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("migrate", MigrateCommand.class);
        m.put("down", DownCommand.class);
        m.put("baseline", BaselineCommand.class);
        m.put("status", StatusCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("repair", RepairCommand.class);
        m.put("reset", ResetCommand.class);
        m.put("gen", GenCommand.class);
        m.put("update-manifest", UpdateManifestCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("adopt", AdoptCommand.class);
        m.put("import", ImportCommand.class);
        m.put("init", InitCommand.class);
        m.put("secure", SecureCommand.class);
        m.put("exec", ExecCommand.class);
        m.put("task", TaskCommand.class);
        m.put("split", SplitCommand.class);
        m.put("lint", LintCommand.class);
        m.put("check-reversible", CheckReversibleCommand.class);
        m.put("drift", DriftCommand.class);
        m.put("trace", TraceCommand.class);
        m.put("fleet", FleetCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The subcommands {@code args} needs: the one it names when only plain flags precede it, none for a bare
     * {@code --version}, otherwise all.
     */
    static List<String> needed(List<String> args) {
        for (String arg : args) {
            if (PLAIN_ROOT_FLAGS.contains(arg)) {
                continue;
            }
            if (arg.startsWith("-")) {
                boolean versionOnly = (arg.equals("-V") || arg.equals("--version")) && args.stream()
                        .allMatch(a -> a.equals(arg) || PLAIN_ROOT_FLAGS.contains(a));
                return versionOnly ? List.of() : List.copyOf(COMMANDS.keySet());
            }
            return COMMANDS.containsKey(arg) && !WHOLE_TREE.contains(arg) ? List.of(arg) : List.copyOf(COMMANDS.keySet());
        }
        return List.copyOf(COMMANDS.keySet());
    }

    /** Adds {@code names}' commands to the top-level {@code root}, in table order. */
    static void addTo(CommandLine root, List<String> names) {
        for (Map.Entry<String, Class<?>> e : COMMANDS.entrySet()) {
            if (names.contains(e.getKey())) {
                root.addSubcommand(e.getKey(), e.getValue());
            }
        }
    }
}
