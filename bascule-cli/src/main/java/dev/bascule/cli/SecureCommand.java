package dev.bascule.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code bascule secure upload|download|list}: the real secure migrations kept in each environment's S3 store. */
@Command(name = "secure", description = "Upload, download and list the real secure migrations of each environment.",
        subcommands = {SecureUploadCommand.class, SecureDownloadCommand.class, SecureListCommand.class})
final class SecureCommand implements Runnable {

    @ParentCommand
    BasculeCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Asks a yes/no question; anything but y/yes (including end of input) is no. */
    static boolean confirm(BufferedReader in, PrintWriter out, String question) {
        out.print(question + " [y/N] ");
        out.flush();
        String answer;
        try {
            answer = in.readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || System.console() == null) {
            // The answer was not typed at a terminal, so nothing echoed the end of the line.
            out.println();
        }
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }

    static String size(long bytes) {
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
