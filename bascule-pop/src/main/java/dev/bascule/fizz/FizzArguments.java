package dev.bascule.fizz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments of one fizz call, checking each has the shape fizz expects; every mismatch is a
 * {@link FizzSyntaxError} at the argument (or call) with the operation's usage, so the author can fix it.
 */
final class FizzArguments {

    private final String sourceName;
    private final FizzCall call;
    private final String usage;

    FizzArguments(String sourceName, FizzCall call, String usage) {
        this.sourceName = sourceName;
        this.call = call;
        this.usage = usage;
    }

    /** Fails unless the call has between {@code min} and {@code max} arguments. */
    FizzArguments expectCount(int min, int max) {
        int n = call.args().size();
        if (n < min || n > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw atCall(call.displayName() + " takes " + expected + " argument" + (max == 1 ? "" : "s")
                    + " but was given " + n + "; write it as " + usage);
        }
        return this;
    }

    String text(int index, String what) {
        FizzValue value = call.args().get(index);
        if (value instanceof FizzValue.Text t) {
            return t.value();
        }
        throw at(value, "the " + what + " of " + call.displayName() + " must be a string, found "
                + value.describe() + "; write it as " + usage);
    }

    /** The options map at {@code index}, or an empty map when the call stops before it. */
    Map<String, FizzValue> options(int index) {
        if (index >= call.args().size()) {
            return Map.of();
        }
        FizzValue value = call.args().get(index);
        if (value instanceof FizzValue.MapOf m) {
            return m.entries();
        }
        if (value instanceof FizzValue.Nil) {
            return Map.of();
        }
        throw at(value, "the options of " + call.displayName() + " must be a map such as {\"null\": true}, found "
                + value.describe() + "; write it as " + usage);
    }

    /** A column list: one string or a non-empty list of strings. */
    List<String> names(int index, String what) {
        FizzValue value = call.args().get(index);
        if (value instanceof FizzValue.Text t) {
            return List.of(t.value());
        }
        if (value instanceof FizzValue.ListOf list && !list.items().isEmpty()) {
            return strings(list, what);
        }
        throw at(value, "the " + what + " of " + call.displayName() + " must be a string or a non-empty list of"
                + " strings, found " + value.describe() + "; write it as " + usage);
    }

    /** The references map of a foreign key: exactly one table mapped to a list of columns. */
    Map.Entry<String, List<String>> references(int index) {
        FizzValue value = call.args().get(index);
        if (value instanceof FizzValue.MapOf m && m.entries().size() == 1) {
            Map.Entry<String, FizzValue> entry = m.entries().entrySet().iterator().next();
            if (entry.getValue() instanceof FizzValue.ListOf list && !list.items().isEmpty()) {
                return Map.entry(entry.getKey(), strings(list, "referenced columns"));
            }
        }
        throw at(value, "the references of " + call.displayName() + " must name one table and its columns, like"
                + " {\"users\": [\"id\"]}; found " + value.describe());
    }

    /** A string option, or null when absent or nil. */
    String optionalText(Map<String, FizzValue> options, String key) {
        FizzValue value = options.get(key);
        if (value == null || value instanceof FizzValue.Nil) {
            return null;
        }
        if (value instanceof FizzValue.Text t) {
            return t.value();
        }
        throw at(value, "option \"" + key + "\" of " + call.displayName() + " must be a string, found "
                + value.describe());
    }

    /** True when the option is present and true; fizz reads these options as booleans. */
    boolean flag(Map<String, FizzValue> options, String key) {
        FizzValue value = options.get(key);
        if (value == null || value instanceof FizzValue.Nil) {
            return false;
        }
        if (value instanceof FizzValue.Bool b) {
            return b.value();
        }
        throw at(value, "option \"" + key + "\" of " + call.displayName() + " must be true or false, found "
                + value.describe());
    }

    /** Checks the column options fizz formats into SQL, so rendering cannot fail. */
    void checkColumnOptions(String type, Map<String, FizzValue> options) {
        FizzValue def = options.get("default");
        if (def instanceof FizzValue.ListOf || def instanceof FizzValue.MapOf) {
            throw at(def, "option \"default\" must be a string, number or boolean, found " + def.describe()
                    + "; use \"default_raw\" for an SQL expression");
        }
        optionalText(options, "default_raw");
        FizzValue size = options.get("size");
        if ("string".equals(type) && size != null && !(size instanceof FizzValue.Nil)
                && !(size instanceof FizzValue.Number n && n.isInteger())) {
            throw at(size, "option \"size\" must be a whole number such as {\"size\": 50}, found " + size.describe());
        }
    }

    FizzSyntaxError atCall(String detail) {
        return new FizzSyntaxError(sourceName, call.line(), call.column(), detail);
    }

    private List<String> strings(FizzValue.ListOf list, String what) {
        List<String> out = new ArrayList<>();
        for (FizzValue item : list.items()) {
            if (!(item instanceof FizzValue.Text t)) {
                throw at(item, "each of the " + what + " of " + call.displayName() + " must be a string, found "
                        + item.describe());
            }
            out.add(t.value());
        }
        return out;
    }

    private FizzSyntaxError at(FizzValue value, String detail) {
        return new FizzSyntaxError(sourceName, value.line(), value.column(), detail);
    }
}
