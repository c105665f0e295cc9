package dev.bascule.lint.fix;

import java.util.List;

/** The mechanical fix of one rule's finding. Implementations keep no state. */
sealed interface StatementFix permits ConcurrentIndexFix, NotValidConstraintFix, NotNullCheckFix, VolatileDefaultFix {

    /** The rule whose findings this fixes. */
    String ruleId();

    Outcome fix(FixSite site);

    /** What a fix does with a finding. */
    sealed interface Outcome {
    }

    /**
     * @param description one line, shown in the preview: what was written instead
     * @param edits       changes to the fixed file
     * @param followUps   statements for new migrations after it
     */
    record Fixed(String description, List<Edit> edits, List<FollowUp> followUps) implements Outcome {
        public Fixed {
            edits = List.copyOf(edits);
            followUps = List.copyOf(followUps);
        }
    }

    /** The statement stays as it is; {@code reason} says why and what to do by hand. */
    record NotFixable(String reason) implements Outcome {
    }

    static List<StatementFix> all() {
        return List.of(new ConcurrentIndexFix(), new NotValidConstraintFix("adding-foreign-key-constraint"),
                new NotValidConstraintFix("adding-check-constraint"), new NotNullCheckFix(), new VolatileDefaultFix());
    }
}
