package dev.bascule.sql;

/** Lexical categories of PostgreSQL script text. */
public enum TokenType {
    /** Unquoted keyword or identifier (case preserved in the text; compare case-insensitively). */
    WORD,
    /** {@code "identifier"} or {@code U&"identifier"}. */
    QUOTED_IDENTIFIER,
    /** {@code 'text'}, {@code E'text'}, {@code U&'text'}, {@code B'..'}, {@code X'..'}, {@code N'..'}; each part of a
     * multi-line continued literal is a token of its own, as in psql. */
    STRING,
    /** {@code $$body$$} or {@code $tag$body$tag$}. */
    DOLLAR_STRING,
    /** Integer or decimal literal. */
    NUMBER,
    /** Positional parameter {@code $1}. */
    PARAMETER,
    /** Operator characters ({@code =}, {@code <>}, {@code ||}, {@code ->>}, ...). */
    OPERATOR,
    /** {@code ::} */
    CAST,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    DOT,
    SEMICOLON,
    /** {@code :} alone, and psql variables such as {@code :foo} / {@code :'foo'}. */
    COLON,
    /** {@code -- ...} up to the end of the line (newline excluded). */
    LINE_COMMENT,
    /** {@code /* ... *}{@code /}, nested. */
    BLOCK_COMMENT,
    /** Spaces, tabs, newlines. */
    WHITESPACE,
    /** A psql meta-command such as {@code \i file} (up to the end of its line). */
    META_COMMAND,
    /**
     * The inline data after {@code COPY ... FROM STDIN;}: from the start of the next line through the
     * terminating {@code \.} line (included, with its line break).
     */
    COPY_DATA,
    /** Anything else (a lone character PostgreSQL would reject); kept so no byte is ever lost. */
    OTHER
}
