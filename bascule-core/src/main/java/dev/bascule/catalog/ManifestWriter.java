package dev.bascule.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rewrites a manifest from the files present, in version order. Comment lines are kept: the header block stays
 * on top, a commented-out entry ({@code # 2020..._x.up.sql}, MilMove's way to skip a file) stays commented out,
 * and other comments stay just above the entry they preceded.
 */
public final class ManifestWriter {

    private ManifestWriter() {
    }

    public static String rewrite(Optional<Manifest> existing, List<MigrationFileName> files) {
        List<String> header = new ArrayList<>();
        Map<String, List<String>> commentsBefore = new LinkedHashMap<>();
        Map<String, String> commentedOut = new LinkedHashMap<>();
        List<String> trailing = new ArrayList<>();
        if (existing.isPresent()) {
            List<String> pending = new ArrayList<>();
            boolean seenEntry = false;
            for (String line : existing.get().lines()) {
                String t = line.strip();
                String uncommented = t.startsWith("#") ? t.substring(1).strip() : null;
                if (!Manifest.isComment(line)) {
                    (seenEntry ? commentsBefore.computeIfAbsent(t, k -> new ArrayList<>()) : header).addAll(pending);
                    pending.clear();
                    seenEntry = true;
                    commentsBefore.putIfAbsent(t, new ArrayList<>());
                } else if (uncommented != null && MigrationFileName.parse(uncommented).value().isPresent()) {
                    commentedOut.put(uncommented, line);
                    (seenEntry ? commentsBefore.computeIfAbsent(uncommented, k -> new ArrayList<>()) : header).addAll(pending);
                    pending.clear();
                    seenEntry = true;
                } else {
                    pending.add(line);
                }
            }
            if (!seenEntry) {
                header.addAll(pending);
            } else {
                trailing.addAll(pending);
            }
        }
        TreeMap<Version, List<String>> ordered = new TreeMap<>();
        for (MigrationFileName file : files.stream().sorted(Comparator.comparing(MigrationFileName::fileName)).toList()) {
            List<String> block = new ArrayList<>(commentsBefore.getOrDefault(file.fileName(), List.of()));
            block.add(commentedOut.getOrDefault(file.fileName(), file.fileName()));
            ordered.merge(file.version(), block, (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        StringBuilder out = new StringBuilder();
        header.forEach(l -> out.append(l).append('\n'));
        ordered.values().forEach(block -> block.forEach(l -> out.append(l).append('\n')));
        trailing.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
