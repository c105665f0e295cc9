package dev.bascule.lint.rules;

import java.util.List;
import java.util.Optional;

/**
 * The rule catalogue, in documentation order: locks first, then data safety, conventions, bookkeeping. Rules keep
 * no state, so one immutable list serves every lint run of the process.
 */
public final class Rules {

    private static final List<Rule> ALL = catalogue();

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    private static List<Rule> catalogue() {
        return List.of(
                new RequireConcurrentIndexCreation(),
                new RequireConcurrentIndexDeletion(),
                new ConcurrentlyInTransaction(),
                new AddingForeignKeyConstraint(),
                new AddingCheckConstraint(),
                new ValidateInSameTransaction(),
                new SettingNotNull(),
                new AddingNotNullableField(),
                new AddingVolatileDefault(),
                new AddingStoredGeneratedColumn(),
                new AddingSerialColumn(),
                new ChangingColumnType(),
                new SettingLogged(),
                new RenamingColumn(),
                new RenamingTable(),
                new RenamingSchema(),
                new SettingSchema(),
                new RenamingEnumValue(),
                new BanDropColumn(),
                new BanDropTable(),
                new BanDropDatabase(),
                new BanDropSchemaCascade(),
                new BanDropNotNull(),
                new DisallowedUniqueConstraint(),
                new AddingPrimaryKeyConstraint(),
                new AddingExclusionConstraint(),
                new PreferJsonb(),
                new EnumAddValueUnordered(),
                new BanVacuumFull(),
                new BanCluster(),
                new BanTruncateCascade(),
                new RequireConcurrentDetachPartition(),
                new RequireConcurrentReindex(),
                new StatementsAfterAccessExclusive(),
                new RequireLockTimeout(),
                new RequireStatementTimeout(),
                new TransactionNesting(),
                new BanUncommittedTransaction(),
                new BanDomainConstraint(),
                new DisablingTrigger(),
                new PreferTextField(),
                new PreferTimestamptz(),
                new PreferBigint(),
                new PreferIdentity(),
                new BanCharField(),
                new RequireIdempotentDdl(),
                new RequirePrimaryKey(),
                new IdentifierTooLong(),
                new RequireComment(),
                new BanUuidGenerationInInsert(),
                new MixedSchemaAndData(),
                new UnbatchedDataChange(),
                new BatchLoopOffsetPaging(),
                new BatchLoopWithoutKeyset(),
                new SleepInTransaction(),
                new RequireDownMigration(),
                new ObservedLock(),
                new NotAnalysed());
    }

    public static Optional<Rule> byId(String id) {
        for (Rule rule : ALL) {
            if (rule.id().equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
