package dev.bascule.error;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTest {

    @Test
    void passwordParametersAreMaskedWhateverTheirCase() {
        assertThat(SecretRedactor.redactPatterns("Unable to parse URL jdbc:postgresql://h:notaport/db?user=a&PASSWORD=Pw1&ssl=true"))
                .isEqualTo("Unable to parse URL jdbc:postgresql://h:notaport/db?user=a&PASSWORD=****&ssl=true");
        assertThat(SecretRedactor.redactPatterns("PGPASSWORD=hunter22 bascule migrate")).isEqualTo("PGPASSWORD=**** bascule migrate");
    }

    @Test
    void userInfoIsMaskedUpToTheLastAtSoAPasswordHoldingAtOrSlashDoesNotLeak() {
        assertThat(SecretRedactor.redactPatterns("url 'postgres://app:p@ss/wo@rd@db.internal:5432/app' is bad"))
                .isEqualTo("url 'postgres://app:****@db.internal:5432/app' is bad");
        assertThat(SecretRedactor.redactPatterns("jdbc:postgresql://app:secret@127.0.0.1/db"))
                .isEqualTo("jdbc:postgresql://app:****@127.0.0.1/db");
        // Nothing to mask: a host and port are not user-info.
        assertThat(SecretRedactor.redactPatterns("cannot reach jdbc:postgresql://127.0.0.1:5432/db as app"))
                .isEqualTo("cannot reach jdbc:postgresql://127.0.0.1:5432/db as app");
    }

    @Test
    void knownValuesAreMaskedAsWrittenEncodedAndDecoded() {
        SecretRedactor redactor = SecretRedactor.of(List.of("s3cret pw", "pa%20ss"));
        assertThat(redactor.redact("a s3cret pw b s3cret+pw c s3cret%20pw d pa ss e pa%20ss"))
                .doesNotContain("s3cret").doesNotContain("pa ss").doesNotContain("pa%20ss");
        assertThat(redactor.redact("postgres://app:s3cret pw@h/db")).doesNotContain("s3cret");
    }

    @Test
    void shortAndBlankValuesAreNotMaskedByValueSoOutputStaysReadable() {
        SecretRedactor redactor = SecretRedactor.of(Arrays.asList("ab", " ", null));
        assertThat(redactor.knowsValues()).isFalse();
        assertThat(redactor.redact("table ab")).isEqualTo("table ab");
    }

    @Test
    void passwordsOfAUrlAreFoundForMaskingByValue() {
        assertThat(SecretRedactor.passwordParameters("jdbc:postgresql://h/db?user=u&password=one&x=1")).containsExactly("one");
        assertThat(SecretRedactor.passwordParameters("postgres://app:S3C RET@x@[::1")).containsExactly("S3C RET@x");
        assertThat(SecretRedactor.passwordParameters("jdbc:postgresql://h/db")).isEmpty();
    }

    @Test
    void aStackTraceIsRedactedCausesIncluded() {
        Exception e = new IllegalStateException("wrapping", new IllegalArgumentException("bad postgres://app:Zz9secret@[::1"));
        String trace = SecretRedactor.of(List.of("Zz9secret")).stackTrace(e);
        assertThat(trace).contains("Caused by: java.lang.IllegalArgumentException").doesNotContain("Zz9secret");
        assertThat(SecretRedactor.PATTERNS.stackTrace(e)).doesNotContain("Zz9secret");
    }
}
