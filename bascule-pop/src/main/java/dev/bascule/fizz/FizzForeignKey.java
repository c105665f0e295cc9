package dev.bascule.fizz;

import java.util.List;

/** A foreign key: {@code column} of the owning table references {@code refColumns} of {@code refTable}. */
record FizzForeignKey(String name, String column, String refTable, List<String> refColumns,
                      String onUpdate, String onDelete) {

    FizzForeignKey {
        refColumns = List.copyOf(refColumns);
    }
}
