package dev.bascule.fizz;

import java.util.List;

/**
 * One call in a fizz script: {@code create_table("users") { ... }} or, inside a block,
 * {@code t.Column("id", "uuid", {"primary": true})}. {@code receiver} is empty for top-level calls and
 * {@code "t"} for table-block calls; {@code block} is null when the call has no block.
 */
record FizzCall(String receiver, String name, List<FizzValue> args, List<FizzCall> block, int line, int column) {

    /** The call as written in the source, for messages: {@code t.Column} or {@code add_index}. */
    String displayName() {
        return receiver.isEmpty() ? name : receiver + "." + name;
    }
}
