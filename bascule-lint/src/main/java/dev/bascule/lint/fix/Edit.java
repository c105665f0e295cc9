package dev.bascule.lint.fix;

import java.util.Comparator;
import java.util.List;

/**
 * One change to a migration file's text: the characters {@code [start, end)} replaced by {@code text}.
 *
 * @param movedTo when not {@code null}, the statement there moves to the new migration of this kind and
 *                {@code text} is the comment left in its place, to which the new file's name is added
 */
record Edit(int start, int end, String text, FollowUp.Kind movedTo) {

    Edit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range " + start + ".." + end);
        }
    }

    static Edit replace(int start, int end, String text) {
        return new Edit(start, end, text, null);
    }

    static Edit insert(int at, String text) {
        return new Edit(at, at, text, null);
    }

    /** The text with {@code edits} applied; they must not overlap (insertions at one place keep their order). */
    static String apply(String text, List<Edit> edits) {
        List<Edit> sorted = edits.stream().sorted(Comparator.comparingInt(Edit::start)).toList();
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (Edit e : sorted) {
            if (e.start < at) {
                throw new IllegalStateException("overlapping fixes at offset " + e.start);
            }
            out.append(text, at, e.start).append(e.text);
            at = e.end;
        }
        return out.append(text, at, text.length()).toString();
    }
}
