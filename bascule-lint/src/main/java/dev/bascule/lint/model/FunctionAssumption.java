package dev.bascule.lint.model;

import java.util.List;

/**
 * A finding that rests on calling functions this file does not declare and nothing else knows (volatile until
 * shown otherwise): it is withdrawn when every one of {@code functions} is declared IMMUTABLE or STABLE by a file
 * linted before this one in the same run.
 *
 * @param functions function keys ({@code name} or {@code schema.name})
 */
public record FunctionAssumption(Finding finding, List<String> functions) {

    public FunctionAssumption {
        functions = List.copyOf(functions);
    }
}
