/**
 * {@code lint --trace}: what {@code bascule trace} saw each statement do on a shadow copy of the database (locks,
 * rewrites, whole-table reads), matched with the linter's statements by file and position, judged against the
 * linter's predicted lock ({@code observed-lock}) and shown beside the findings.
 */
package dev.bascule.lint.observed;
