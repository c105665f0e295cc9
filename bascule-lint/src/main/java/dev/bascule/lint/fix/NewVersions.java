package dev.bascule.lint.fix;

import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Versions for the migrations a fix adds after a file: right after the file's own version and before the next
 * existing one when there is room (a 14-digit timestamp version counts in seconds, as {@code gen migration} writes
 * them), otherwise after the latest version in the folders, no earlier than now for timestamp versions. Versions
 * handed out stay taken for the rest of the run, so fixing several files never gives one version twice.
 */
final class NewVersions {

    private static final int TIMESTAMP_DIGITS = 14;

    private final TreeSet<BigInteger> taken = new TreeSet<>();
    private final Clock clock;

    NewVersions(List<Path> folders, Clock clock) {
        this.clock = clock;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(f -> MigrationFileName.parse(f.getFileName().toString()).value()
                        .ifPresent(name -> taken.add(name.version().value())));
            } catch (IOException e) {
                throw new UncheckedIOException(folder + ": cannot list the folder to choose new versions", e);
            }
        }
    }

    /** {@code count} free versions after {@code after}, in order, now taken. */
    List<Version> after(Version after, int count, int digits) {
        List<BigInteger> chosen = consecutive(after.value(), count, digits);
        BigInteger next = taken.higher(after.value());
        boolean fits = chosen.stream().noneMatch(taken::contains)
                && (next == null || chosen.get(count - 1).compareTo(next) < 0);
        if (!fits) {
            BigInteger start = taken.isEmpty() ? after.value() : taken.last().max(after.value());
            if (digits == TIMESTAMP_DIGITS) {
                BigInteger now = new BigInteger(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))
                        .format(dev.bascule.generate.MigrationNames.VERSION));
                start = start.max(now.subtract(BigInteger.ONE));
            }
            chosen = consecutive(start, count, digits);
        }
        taken.addAll(chosen);
        List<Version> versions = new ArrayList<>();
        chosen.forEach(v -> versions.add(new Version(v)));
        return versions;
    }

    /** The {@code count} versions following {@code from}: seconds for timestamps, else integers. */
    private static List<BigInteger> consecutive(BigInteger from, int count, int digits) {
        List<BigInteger> out = new ArrayList<>();
        LocalDateTime time = digits == TIMESTAMP_DIGITS ? timestamp(from) : null;
        for (int i = 1; i <= count; i++) {
            out.add(time != null ? new BigInteger(time.plusSeconds(i).format(dev.bascule.generate.MigrationNames.VERSION))
                    : from.add(BigInteger.valueOf(i)));
        }
        return out;
    }

    private static LocalDateTime timestamp(BigInteger version) {
        try {
            return LocalDateTime.parse(version.toString(), dev.bascule.generate.MigrationNames.VERSION);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** How a version is written with the digits of {@code like} (leading zeros kept, as in {@code 0001_x}). */
    static String format(Version version, int digits) {
        String plain = version.value().toString();
        return plain.length() >= digits ? plain : "0".repeat(digits - plain.length()) + plain;
    }
}
