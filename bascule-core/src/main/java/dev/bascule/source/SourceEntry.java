package dev.bascule.source;

/** One file in a {@link MigrationSource}: its bare file name and size in bytes (-1 when unknown). */
public record SourceEntry(String name, long size) {
}
