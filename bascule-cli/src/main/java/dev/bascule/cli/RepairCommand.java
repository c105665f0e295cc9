package dev.bascule.cli;

import dev.bascule.Bascule;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "repair", description = "Remove failed no-transaction migrations from the history and accept changed checksums.")
final class RepairCommand extends DatabaseCommand {

    @Override
    int run(Bascule bascule, PrintWriter out, PrintWriter err) {
        List<String> done = bascule.repair();
        done.forEach(out::println);
        out.println(done.isEmpty() ? "nothing to repair" : "repaired");
        return 0;
    }
}
