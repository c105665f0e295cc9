package dev.bascule.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutineArgumentsTest {

    @Test
    void dropsTheDefaultModeOnlyWhereItIsAMode() {
        assertThat(RoutineReader.withoutDefaultMode("IN days integer")).isEqualTo("days integer");
        assertThat(RoutineReader.withoutDefaultMode("IN a numeric(10,2), INOUT b text, IN c text DEFAULT 'x, IN y'::text"))
                .isEqualTo("a numeric(10,2), INOUT b text, c text DEFAULT 'x, IN y'::text");
        assertThat(RoutineReader.withoutDefaultMode("\"IN \" integer, OUT r integer")).isEqualTo("\"IN \" integer, OUT r integer");
        assertThat(RoutineReader.withoutDefaultMode("")).isEmpty();
    }
}
