package dev.bascule.expand;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the generator needs besides the catalog facts.
 *
 * @param change          the column change
 * @param name            the change's name in {@code -- bascule:phase NAME N} and in file names; empty: derived
 *                        ({@code rename_moves_status_to_state}, {@code change_moves_amount_to_bigint})
 * @param syncName        the function and trigger name; empty: {@code TABLE_COLUMN_sync}
 * @param layout          where the files go
 * @param firstVersion    the version of the first migration; the others follow it one by one, in apply order
 *                        (the caller picks a free range, e.g. from a UTC timestamp)
 * @param functionVersion the definition version of the phase-1 function ({@code _v01}); phase 2's is the next one
 * @param triggerVersion  the definition version of the trigger
 * @param batchSize       rows per backfill batch ({@code -- bascule:batch size=N})
 * @param notCarried      names of constraints and indexes of the old column not to copy to the new one, and
 *                        {@code default} for its default (the reviewer takes care of them by hand, e.g. a CHECK
 *                        that makes no sense for the new type)
 */
public record ExpandContractRequest(ColumnChange change, Optional<String> name, Optional<String> syncName,
                                    FileLayout layout, BigInteger firstVersion, int functionVersion,
                                    int triggerVersion, int batchSize, Set<String> notCarried) {

    public static final int DEFAULT_BATCH_SIZE = 1000;

    public ExpandContractRequest {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syncName, "syncName");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(firstVersion, "firstVersion");
        notCarried = Set.copyOf(notCarried);
    }

    /** Defaults: derived names, {@link FileLayout#standard()}, definitions at v01, batches of 1000 rows. */
    public static ExpandContractRequest of(ColumnChange change, BigInteger firstVersion) {
        return new ExpandContractRequest(change, Optional.empty(), Optional.empty(), FileLayout.standard(),
                firstVersion, 1, 1, DEFAULT_BATCH_SIZE, Set.of());
    }

    public ExpandContractRequest withName(String value) {
        return new ExpandContractRequest(change, Optional.ofNullable(value), syncName, layout, firstVersion,
                functionVersion, triggerVersion, batchSize, notCarried);
    }

    public ExpandContractRequest withSyncName(String value) {
        return new ExpandContractRequest(change, name, Optional.ofNullable(value), layout, firstVersion,
                functionVersion, triggerVersion, batchSize, notCarried);
    }

    public ExpandContractRequest withLayout(FileLayout value) {
        return new ExpandContractRequest(change, name, syncName, value, firstVersion, functionVersion,
                triggerVersion, batchSize, notCarried);
    }

    public ExpandContractRequest withDefinitionVersions(int function, int trigger) {
        return new ExpandContractRequest(change, name, syncName, layout, firstVersion, function, trigger,
                batchSize, notCarried);
    }

    public ExpandContractRequest withBatchSize(int value) {
        return new ExpandContractRequest(change, name, syncName, layout, firstVersion, functionVersion,
                triggerVersion, value, notCarried);
    }

    public ExpandContractRequest withNotCarried(Set<String> value) {
        return new ExpandContractRequest(change, name, syncName, layout, firstVersion, functionVersion,
                triggerVersion, batchSize, value);
    }

    /** The change's name: given, or derived from the change. */
    public String effectiveName() {
        return name.orElseGet(() -> {
            String table = SqlText.slug(change.table().name()) + "_" + SqlText.slug(change.column());
            if (change instanceof ColumnChange.ChangeType t) {
                return "change_" + table + "_to_" + SqlText.slug(t.newType());
            }
            return "rename_" + table + "_to_" + SqlText.slug(change.newColumn());
        });
    }

    /** The function and trigger name: given, or {@code TABLE_COLUMN_sync}. */
    public String effectiveSyncName() {
        return syncName.orElseGet(() -> change.table().name() + "_" + change.column() + "_sync");
    }
}
