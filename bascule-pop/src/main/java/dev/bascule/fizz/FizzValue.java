package dev.bascule.fizz;

import java.util.List;
import java.util.Map;

/** A literal argument in a fizz script, with the position where it starts. */
sealed interface FizzValue {

    int line();

    int column();

    /** How the value reads in an error message. */
    String describe();

    record Text(String value, int line, int column) implements FizzValue {
        public String describe() {
            return "a string";
        }
    }

    /** A number as written; fizz prints numbers back with Go's %v, which for these literals is the text. */
    record Number(String literal, int line, int column) implements FizzValue {
        public String describe() {
            return "the number " + literal;
        }

        boolean isInteger() {
            return literal.matches("-?\\d+");
        }
    }

    record Bool(boolean value, int line, int column) implements FizzValue {
        public String describe() {
            return "the boolean " + value;
        }
    }

    /** Plush's {@code nil}: an option set to nil counts as absent, as in Go's {@code options[k] == nil}. */
    record Nil(int line, int column) implements FizzValue {
        public String describe() {
            return "nil";
        }
    }

    record ListOf(List<FizzValue> items, int line, int column) implements FizzValue {
        public String describe() {
            return "a list";
        }
    }

    /** A map literal; keys keep their written order, which never changes the SQL. */
    record MapOf(Map<String, FizzValue> entries, int line, int column) implements FizzValue {
        public String describe() {
            return "a map";
        }
    }
}
