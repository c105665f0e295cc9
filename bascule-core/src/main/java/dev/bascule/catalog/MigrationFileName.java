package dev.bascule.catalog;

import java.util.Optional;

/**
 * The parts of a migration file name {@code <version>_<name>.<direction>.<format>}, for example
 * {@code 20240105120000_add_status_to_moves.up.sql}. Existing names are taken as they are (real trees hold
 * {@code add-office-users-#162792520} or {@code B-22706_tbl_x}); only {@code gen migration} insists on snake case.
 */
public record MigrationFileName(String fileName, Version version, String name, Direction direction, Format format) {

    public enum Direction { UP, DOWN }

    /**
     * The file extension: {@code sql} is plain PostgreSQL, built in; others ({@code fizz}, Pop's migration DSL) are
     * {@link ScriptFormat}s translated before running, known only when their module is on the class path.
     */
    public record Format(String extension) {

        public static final Format SQL = new Format("sql");

        public boolean isSql() {
            return extension.equals(SQL.extension);
        }
    }

    /** Parses a file name, or explains why it is not a migration file name. */
    /** Whether every char of {@code s} is in {@code [low, high]}; a loop, as this runs for every file of a catalog. */
    private static boolean onlyChars(String s, char low, char high) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < low || c > high) {
                return false;
            }
        }
        return true;
    }

    public static Result parse(String fileName) {
        String rest;
        Format format;
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1);
        if (extension.equals(Format.SQL.extension())) {
            format = Format.SQL;
        } else if (!extension.isEmpty() && ScriptFormat.forExtension(extension).isPresent()) {
            format = new Format(extension);
        } else {
            return Result.error("a migration file name ends in .up.sql or .down.sql");
        }
        rest = fileName.substring(0, dot);
        Direction direction;
        if (rest.endsWith(".up")) {
            direction = Direction.UP;
        } else if (rest.endsWith(".down")) {
            direction = Direction.DOWN;
        } else {
            return Result.error("a migration file name ends in .up.sql or .down.sql");
        }
        rest = rest.substring(0, rest.lastIndexOf('.'));
        int underscore = rest.indexOf('_');
        if (underscore <= 0) {
            return Result.error("a migration file name starts with a numeric version and '_', as in 20240105120000_add_status.up.sql");
        }
        String digits = rest.substring(0, underscore);
        String name = rest.substring(underscore + 1);
        if (!onlyChars(digits, '0', '9')) {
            return Result.error("'" + digits + "' is not a version: a migration file name starts with a numeric version and '_',"
                    + " as in 20240105120000_add_status.up.sql");
        }
        if (digits.length() > Version.MAX_DIGITS) {
            return Result.error("version '" + digits + "' has " + digits.length() + " digits; at most " + Version.MAX_DIGITS + " are allowed");
        }
        if (onlyChars(digits, '0', '0')) {
            return Result.error("version must be a positive integer, not " + digits);
        }
        if (name.isBlank()) {
            return Result.error("the name after '" + digits + "_' is empty");
        }
        return new Result(Optional.of(new MigrationFileName(fileName, Version.parse(digits), name, direction, format)), null);
    }

    /** Either a parsed name or the reason it does not parse. */
    public record Result(Optional<MigrationFileName> value, String error) {
        static Result error(String why) {
            return new Result(Optional.empty(), why);
        }
    }
}
