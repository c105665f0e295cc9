package dev.bascule.source;

import java.util.Map;

/**
 * Free-form settings for sources, keyed by dotted names (for example {@code s3.region}, {@code s3.endpoint},
 * {@code s3.path-style}, {@code secret}). They come from the environment's configuration; providers read the keys
 * they understand and ignore the rest.
 */
public record SourceSettings(Map<String, String> values) {

    public static final SourceSettings NONE = new SourceSettings(Map.of());

    public SourceSettings {
        values = Map.copyOf(values);
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }
}
