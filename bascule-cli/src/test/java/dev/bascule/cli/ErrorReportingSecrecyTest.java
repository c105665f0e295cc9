package dev.bascule.cli;

import dev.bascule.error.BasculeException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Internal errors and {@code --debug} stack traces go through the same masking as every other message: a password
 * in an exception's message, in its cause, or given as {@code --password} never reaches the output.
 */
class ErrorReportingSecrecyTest {

    private static final String PW = "Kx81-internal-Pw";

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Option(names = "--password")
        String password;

        @Option(names = "--kind")
        String kind = "internal";

        @Override
        public Integer call() {
            if (kind.equals("bascule")) {
                throw new BasculeException.Configuration("cannot use the password " + password);
            }
            throw new IllegalStateException("wrapped", new IllegalArgumentException("Malformed URL postgres://app:" + PW
                    + "@[::1 (given " + password + ")"));
        }
    }

    private static String run(boolean debug, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Boom());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setExecutionExceptionHandler(ErrorReporting.execution(() -> debug));
        cl.setParameterExceptionHandler(ErrorReporting.parameters());
        cl.execute(args);
        return err.toString();
    }

    @Test
    void anInternalErrorAndItsDebugTraceHoldNoPassword() {
        String plain = run(false, "--password", "given-" + PW);
        assertThat(plain).startsWith("bascule: internal error: java.lang.IllegalStateException: wrapped").doesNotContain(PW);
        String debug = run(true, "--password", "given-" + PW);
        assertThat(debug).contains("Caused by: java.lang.IllegalArgumentException: Malformed URL postgres://app:****@")
                .contains("\tat ").doesNotContain(PW);
    }

    @Test
    void aBasculeErrorQuotingTheGivenPasswordIsMasked() {
        assertThat(run(false, "--kind", "bascule", "--password", PW)).isEqualTo("bascule: cannot use the password ****\n"
                .replace("\n", System.lineSeparator()));
    }

    @Test
    void anArgumentPicocliCannotPlaceIsNotEchoedWithItsPassword() {
        String err = run(false, "jdbc:postgresql://h/db?password=" + PW);
        assertThat(err).contains("password=****").doesNotContain(PW);
    }
}
