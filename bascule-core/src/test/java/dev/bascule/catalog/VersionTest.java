package dev.bascule.catalog;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionTest {

    @Test
    void parsesEveryLengthUpToTwentyDigitsAndEqualsTheSameNumberHoweverMade() {
        for (String digits : new String[] {"1", "007", "20240105120000", "999999999999999999", "9223372036854775807",
                "9223372036854775808", "99999999999999999999"}) {
            Version parsed = Version.parse(digits);
            Version made = new Version(new BigInteger(digits));
            assertThat(parsed).isEqualTo(made).hasSameHashCodeAs(made);
            assertThat(parsed.toString()).isEqualTo(new BigInteger(digits).toString()).isSameAs(parsed.toString());
            assertThat(parsed.value()).isEqualTo(new BigInteger(digits));
        }
        assertThat(Version.parse("0020")).isEqualTo(Version.parse("20")).isNotEqualTo(Version.parse("21")).isNotEqualTo("20");
        assertThat(Version.parse("9").compareTo(Version.parse("10"))).isNegative();
    }

    @Test
    void refusesZeroNegativesAndMoreThanTwentyDigits() {
        assertThatThrownBy(() -> new Version(new BigInteger("100000000000000000000"))).hasMessageContaining("at most 20 digits");
        assertThatThrownBy(() -> new Version(BigInteger.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Version.parse("000000000000000000001")).hasMessageContaining("1 to 20 digits");
        assertThatThrownBy(() -> Version.parse("12a")).hasMessageContaining("not a version");
    }
}
