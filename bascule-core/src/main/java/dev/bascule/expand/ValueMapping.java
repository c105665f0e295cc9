package dev.bascule.expand;

/**
 * How a value moves between the old and the new column, as SQL expressions for each place that moves one.
 *
 * @param newType           the new column's type
 * @param backfillValue     the new column's value in the backfill's {@code UPDATE ... SET new = ...}, over the
 *                          table's columns
 * @param backfillPredicate the rows the backfill still has to write
 * @param forward           in the trigger: the new column's value computed from the row being written
 * @param reverse           in the trigger: the old column's value computed from the row being written
 */
record ValueMapping(String newType, String backfillValue, String backfillPredicate, String forward,
                    String reverse) {

    static ValueMapping of(ColumnChange change, ColumnFacts facts) {
        String oldColumn = SqlText.ident(change.column());
        String newColumn = SqlText.ident(change.newColumn());
        if (change instanceof ColumnChange.ChangeType t) {
            String rowAlias = SqlText.ident(t.table().name());
            String backfill = t.using().map(u -> "(" + u + ")").orElse(oldColumn);
            String expected = t.using().map(u -> "(" + u + ")").orElse("CAST(" + oldColumn + " AS " + t.newType() + ")");
            // A USING expression is written over the table's columns: evaluate it over the row being written,
            // under the table's name, so it means in the trigger exactly what it means in the backfill.
            String forward = t.using().map(u -> "(SELECT " + u + " FROM (SELECT NEW.*) AS " + rowAlias + ")")
                    .orElse("NEW." + oldColumn);
            String reverse = t.reverseUsing().map(u -> "(SELECT " + u + " FROM (SELECT NEW.*) AS " + rowAlias + ")")
                    .orElse("NEW." + newColumn);
            return new ValueMapping(t.newType(), backfill, differ(newColumn, expected), forward, reverse);
        }
        return new ValueMapping(facts.type(), oldColumn, differ(newColumn, oldColumn), "NEW." + oldColumn,
                "NEW." + newColumn);
    }

    /**
     * Compared as text, like the trigger compares: exact where the type's equality is not (citext case, numeric
     * scale), and valid for types without an equality operator (json).
     */
    private static String differ(String column, String expected) {
        return column + "::text IS DISTINCT FROM " + expected + "::text";
    }
}
