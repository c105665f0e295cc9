package dev.bascule.fizz;

import java.util.List;

/** An index on one or more columns, named as fizz names it (default {@code table_col1_col2_idx}). */
record FizzIndex(String name, List<String> columns, boolean unique) {

    FizzIndex {
        columns = List.copyOf(columns);
    }
}
