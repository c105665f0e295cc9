package dev.bascule.fizz;

import java.util.Map;

/**
 * A column as fizz describes it. {@code options} holds fizz's column options (null, default, default_raw,
 * size, primary); {@code primary} is set when the "primary" option is present at all, as in fizz.
 */
record FizzColumn(String name, String type, Map<String, FizzValue> options, boolean primary) {

    FizzColumn {
        options = Map.copyOf(options);
    }

    /** True when the option is present and not nil: fizz's {@code options[key] != nil}. */
    boolean has(String option) {
        FizzValue value = options.get(option);
        return value != null && !(value instanceof FizzValue.Nil);
    }

    FizzColumn withType(String newType) {
        return new FizzColumn(name, newType, options, primary);
    }
}
