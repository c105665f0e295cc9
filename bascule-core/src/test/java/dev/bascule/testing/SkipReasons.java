package dev.bascule.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one line per skipped or aborted test, with its reason, when the test run ends: surefire keeps test output
 * in files, so without this a run says "Skipped: 2" and never why. Registered with ServiceLoader in the test-jar,
 * so every module's tests get it.
 */
public final class SkipReasons implements TestExecutionListener {

    private final List<String> lines = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        lines.add("skipped " + test.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            lines.add("skipped " + test.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage)
                    .orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (lines.isEmpty()) {
            return;
        }
        // The process's own stderr, not System.err: surefire redirects the latter into report files.
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        lines.forEach(line -> console.println("[bascule tests] " + line));
    }
}
