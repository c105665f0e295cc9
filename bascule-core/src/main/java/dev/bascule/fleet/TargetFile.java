package dev.bascule.fleet;

import dev.bascule.error.BasculeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of connection URLs, one per line ({@code jdbc:postgresql://...} or {@code postgres://...}); blank lines and
 * {@code #} comments (whole lines, or after a space) are ignored. Every bad line is reported at once, as
 * {@code FILE:LINE: ...}, before any target runs; a password in a bad line is never repeated.
 */
final class TargetFile {

    /** One URL and the line it came from. */
    record Line(int number, String url, String name) {
    }

    private TargetFile() {
    }

    static List<Line> read(Path file, String shown) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BasculeException.Configuration("--targets " + shown + ": no such file: write one connection URL per line");
        } catch (IOException e) {
            throw new BasculeException.Configuration("--targets " + shown + ": cannot read: " + e.getMessage());
        }
        List<Line> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < text.size(); i++) {
            String url = withoutComment(text.get(i)).strip();
            if (url.isEmpty()) {
                continue;
            }
            int number = i + 1;
            var problem = DatabaseUrls.problem(url);
            if (problem.isPresent()) {
                problems.add(shown + ":" + number + ": " + problem.get());
                continue;
            }
            String name = DatabaseUrls.name(url);
            Integer earlier = seen.putIfAbsent(name, number);
            if (earlier != null) {
                problems.add(shown + ":" + number + ": " + name + " is already on line " + earlier + ": list each database once");
                continue;
            }
            lines.add(new Line(number, url, name));
        }
        if (!problems.isEmpty()) {
            throw new BasculeException.Configuration("--targets " + shown + ": " + problems.size() + " bad line(s); one"
                    + " jdbc:postgresql:// or postgres:// URL per line, # for comments:\n  " + String.join("\n  ", problems));
        }
        if (lines.isEmpty()) {
            throw new BasculeException.Configuration("--targets " + shown + ": no URLs in the file: write one connection URL per line");
        }
        return lines;
    }

    private static String withoutComment(String line) {
        String stripped = line.strip();
        if (stripped.startsWith("#")) {
            return "";
        }
        int comment = -1;
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
                comment = i;
                break;
            }
        }
        return comment < 0 ? line : line.substring(0, comment);
    }
}
