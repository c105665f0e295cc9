package dev.bascule.adopt;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flyway-to-integer mapping keeps Flyway's order, and whole-number projects keep their numbers. */
class FlywayVersionMappingTest {

    private static FlywayVersion v(String text) {
        return FlywayVersion.parse(text).orElseThrow();
    }

    @Test
    void dottedVersionsKeepFlywaysOrder() {
        List<FlywayVersion> versions = List.of(v("1"), v("1.1"), v("1.2"), v("1.10"), v("2"), v("2_0_1"));
        FlywayVersionMapping mapping = FlywayVersionMapping.of(versions);
        assertThat(versions.stream().map(mapping::map).map(BigInteger::toString))
                .containsExactly("1000", "1010", "1020", "1100", "2000", "2001");
        assertThat(v("1.0")).isEqualTo(v("1")).isEqualByComparingTo(v("1_0_0"));
        assertThat(FlywayVersion.parse("1.a")).isEmpty();
    }

    @Test
    void wholeNumbersAndTimestampsAreKept() {
        List<FlywayVersion> versions = List.of(v("1"), v("20240101120000"), v("7"));
        FlywayVersionMapping mapping = FlywayVersionMapping.of(versions);
        assertThat(versions.stream().map(mapping::map).map(BigInteger::toString)).containsExactly("1", "20240101120000", "7");
        assertThat(mapping.describe(versions)).contains("whole numbers");
    }

    @Test
    void orderIsPreservedForRandomProjects() {
        Random random = new Random(17);
        for (int project = 0; project < 500; project++) {
            List<FlywayVersion> versions = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
                List<BigInteger> parts = new ArrayList<>();
                for (int p = 0, k = 1 + random.nextInt(4); p < k; p++) {
                    parts.add(BigInteger.valueOf(random.nextInt(random.nextBoolean() ? 10 : 1000)));
                }
                versions.add(new FlywayVersion(parts));
            }
            FlywayVersionMapping mapping = FlywayVersionMapping.of(versions);
            for (FlywayVersion a : versions) {
                for (FlywayVersion b : versions) {
                    assertThat(Integer.signum(mapping.map(a).compareTo(mapping.map(b))))
                            .as("%s vs %s with widths %s", a, b, mapping.widths())
                            .isEqualTo(Integer.signum(a.compareTo(b)));
                }
            }
        }
    }

    @Test
    void theOriginLineRoundTripsAndTheBodyIsTheOriginalText() {
        ImportOrigin origin = new ImportOrigin("flyway", "sub/V1_2__a, b.sql", "1.2");
        String text = "-- bascule:no-transaction\n" + origin.line() + "\nSELECT 1;\r\nSELECT 2;\n";
        assertThat(ImportOrigin.find(text)).hasValue(origin);
        assertThat(ImportOrigin.body(text)).isEqualTo("SELECT 1;\r\nSELECT 2;\n");
        assertThat(ImportOrigin.find("SELECT 1;\n")).isEmpty();
        assertThat(ImportOrigin.body("SELECT 1;\n")).isEqualTo("SELECT 1;\n");
    }
}
