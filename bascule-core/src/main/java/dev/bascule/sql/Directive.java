package dev.bascule.sql;

/**
 * One {@code -- bascule:NAME [argument]} line: of a script's leading comment block, or (for
 * {@link DirectiveKind.Placement#STATEMENT} directives) the one just before a statement.
 *
 * @param argument the text after the name, trimmed; empty when there is none
 */
public record Directive(DirectiveKind kind, String argument, String sourceName, int line) {
}
