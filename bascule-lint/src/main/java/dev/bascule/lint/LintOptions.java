package dev.bascule.lint;

import dev.bascule.lint.format.ReportFormat;
import dev.bascule.lint.model.Profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to lint: output format, rule switches, the {@code lint:} section of {@code bascule.yml}, and what the
 * runner does itself. Build with {@link #builder()}; every value has a default.
 *
 * @param profile                    the rule profile, or {@code null} to take the configuration's (else default)
 * @param configSection              the {@code lint:} section as read from YAML, or {@code null}
 * @param configSource               the configuration file's name, for messages
 * @param runnerSetsLockTimeout      whether the runner sets {@code lock_timeout} before every migration, or
 *                                   {@code null} for "as configured": Bascule's runner does unless its
 *                                   lock-timeout is 0, so files are taken as covered, and {@code --pending} asks
 *                                   the environment
 * @param runnerSetsStatementTimeout the runner sets {@code statement_timeout}, or {@code null}: files are taken
 *                                   as not covered (the runner's default is none), {@code --pending} asks
 */
public record LintOptions(ReportFormat format, Profile profile, List<String> enable, List<String> disable,
                          boolean requireDown, Boolean runnerSetsLockTimeout, Boolean runnerSetsStatementTimeout,
                          Map<String, ?> configSection, String configSource) {

    public LintOptions {
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        configSource = configSource == null ? "bascule.yml" : configSource;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects options; string values are checked when set and refused with a {@link LintUsageException}. */
    public static final class Builder {
        private ReportFormat format = ReportFormat.TEXT;
        private Profile profile;
        private final List<String> enable = new ArrayList<>();
        private final List<String> disable = new ArrayList<>();
        private boolean requireDown;
        private Boolean runnerSetsLockTimeout;
        private Boolean runnerSetsStatementTimeout;
        private Map<String, ?> configSection;
        private String configSource;

        private Builder() {
        }

        /** {@code text}, {@code json}, {@code sarif} or {@code github}. */
        public Builder format(String name) {
            try {
                this.format = ReportFormat.parse(name);
            } catch (IllegalArgumentException e) {
                throw new LintUsageException("--format: " + e.getMessage());
            }
            return this;
        }

        /** {@code default} or {@code strict}; {@code null} keeps the configuration's. */
        public Builder profile(String name) {
            try {
                this.profile = name == null ? null : Profile.parse(name);
            } catch (IllegalArgumentException e) {
                throw new LintUsageException("--profile: " + e.getMessage());
            }
            return this;
        }

        public Builder enable(List<String> ids) {
            enable.addAll(ids);
            return this;
        }

        public Builder disable(List<String> ids) {
            disable.addAll(ids);
            return this;
        }

        /** Every {@code X.up.sql} needs an {@code X.down.sql}. */
        public Builder requireDown(boolean required) {
            this.requireDown = required;
            return this;
        }

        /** {@code null}: as configured (see {@link LintOptions#runnerSetsLockTimeout()}). */
        public Builder runnerSetsLockTimeout(Boolean sets) {
            this.runnerSetsLockTimeout = sets;
            return this;
        }

        public Builder runnerSetsStatementTimeout(Boolean sets) {
            this.runnerSetsStatementTimeout = sets;
            return this;
        }

        /** The {@code lint:} section ({@code null} when absent) and the file it comes from. */
        public Builder config(Map<String, ?> section, String source) {
            this.configSection = section;
            this.configSource = source;
            return this;
        }

        public LintOptions build() {
            return new LintOptions(format, profile, enable, disable, requireDown, runnerSetsLockTimeout,
                    runnerSetsStatementTimeout, configSection, configSource);
        }
    }
}
