package dev.bascule.trace;

/**
 * One lock mode the migration's transaction holds on a relation right after a statement.
 *
 * @param relation    the relation
 * @param mode        the lock mode
 * @param acquired    this statement took it (the transaction did not hold this mode on this relation before it);
 *                    false for a mode an earlier statement of the same transaction took. PostgreSQL records a mode
 *                    once per transaction, so a statement asking again for a mode already held leaves no trace
 * @param newRelation the relation did not exist when the migration started: nobody else can see it yet, so the
 *                    lock blocks no one
 */
public record HeldLock(Relation relation, LockLevel mode, boolean acquired, boolean newRelation) {
}
