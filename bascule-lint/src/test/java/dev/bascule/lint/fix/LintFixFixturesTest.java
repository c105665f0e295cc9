package dev.bascule.lint.fix;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per fix kind: the fixture's migrations, fixed and written, become exactly the {@code out} folder, and the fixed
 * folder lints clean of the rule that flagged the originals.
 */
class LintFixFixturesTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> fixedFilesAreTheExpectedOnesAndLintCleanOfTheRule() {
        return FixFixtures.RULES.stream().map(rule -> DynamicTest.dynamicTest(rule, () -> {
            Path folder = FixFixtures.copyIn(rule, tmp.resolve(rule));
            assertThat(FixFixtures.findingsOf(rule, folder)).as("the fixture is flagged by " + rule).isNotEmpty();

            FixReport report = FixFixtures.fix(folder, true);

            assertThat(report.files()).flatExtracting(FilePlan::notFixable).as(report.render()).isEmpty();
            Map<String, String> expected = FixFixtures.contents(FixFixtures.root().resolve(rule).resolve("out"));
            assertThat(FixFixtures.contents(folder)).as(report.render()).isEqualTo(expected);
            assertThat(FixFixtures.findingsOf(rule, folder)).as("findings of " + rule + " after the fix").isEmpty();
        }));
    }
}
