package dev.bascule.trace;

/** How the shadow database got the target's schema. */
public sealed interface ShadowOrigin {

    /** One line for the user. */
    String describe();

    /** {@code CREATE DATABASE shadow TEMPLATE target}: an exact copy, data included. */
    record TemplateCopy(String target) implements ShadowOrigin {
        @Override
        public String describe() {
            return "a copy of " + target + " (CREATE DATABASE ... TEMPLATE " + target + "), data included";
        }
    }

    /**
     * The template copy was refused; an empty database had the target's applied migrations replayed on it, in the
     * order the target's history records them. Tables hold only the rows migrations inserted.
     *
     * @param whyNotTemplate why the copy was refused, as PostgreSQL and {@code pg_stat_activity} tell it
     * @param replayed       how many applied migrations were replayed
     */
    record Replayed(String target, String whyNotTemplate, int replayed) implements ShadowOrigin {
        @Override
        public String describe() {
            return "the " + replayed + " migration(s) applied to " + target + " replayed on an empty database (no"
                    + " template copy: " + whyNotTemplate + "); tables hold only the rows migrations inserted";
        }
    }

    /** Nothing was to be traced, so no shadow database was made. */
    record NotNeeded(String target) implements ShadowOrigin {
        @Override
        public String describe() {
            return "not made: nothing to trace";
        }
    }
}
