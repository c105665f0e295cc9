package dev.bascule.trace;

import dev.bascule.sql.Script;

/**
 * A script to trace: a pending migration, or a file named on the command line.
 *
 * @param file          the name shown for it
 * @param script        its statements
 * @param secret        a secure migration: its text and PostgreSQL's messages about it are never shown
 * @param transactional run in one transaction (the file's header has no {@code -- bascule:no-transaction})
 */
public record TraceScript(String file, Script script, boolean secret, boolean transactional) {

    @Override
    public String toString() {
        return file; // never the text
    }
}
