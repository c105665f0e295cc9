package dev.bascule.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process in a given working directory and captures exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path workingDir, String... args) {
        return runWithInput(workingDir, "", args);
    }

    /** Runs with {@code input} as standard input (answers to confirmations). */
    static CliRun runWithInput(Path workingDir, String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasculeCommand.execute(workingDir, new BufferedReader(new StringReader(input)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
