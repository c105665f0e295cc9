package dev.bascule.fleet;

import dev.bascule.error.BasculeException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which environments of {@code bascule.yml} a fleet takes: comma-separated globs over the whole name, {@code *} for
 * any run of characters and {@code ?} for one ({@code tenant_*}, {@code eu_*,us_*}).
 */
record EnvironmentPattern(String text, List<Pattern> globs) {

    EnvironmentPattern {
        globs = List.copyOf(globs);
    }

    static EnvironmentPattern parse(String text) {
        List<Pattern> globs = new ArrayList<>();
        for (String part : text.split(",")) {
            String glob = part.strip();
            if (glob.isEmpty()) {
                continue;
            }
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            globs.add(Pattern.compile(regex.toString()));
        }
        if (globs.isEmpty()) {
            throw new BasculeException.Configuration("--envs '" + text + "': no pattern; write names or globs such as"
                    + " 'tenant_*' or 'eu_*,us_*'");
        }
        return new EnvironmentPattern(text, globs);
    }

    boolean matches(String environment) {
        return globs.stream().anyMatch(g -> g.matcher(environment).matches());
    }
}
