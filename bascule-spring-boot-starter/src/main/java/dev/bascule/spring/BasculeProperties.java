package dev.bascule.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code bascule.*} in {@code application.properties}: what the starter hands to {@code Bascule.configure()}.
 * Unset values keep the Java API's defaults.
 */
@ConfigurationProperties(prefix = "bascule")
public class BasculeProperties {

    /** What to do on start-up: {@code migrate} applies pending migrations, {@code validate} fails start-up on any. */
    public enum Mode {
        MIGRATE, VALIDATE
    }

    /** Whether Bascule runs on start-up. */
    private boolean enabled = true;

    /**
     * What to do on start-up: migrate (apply pending migrations) or validate (check files, checksums and history,
     * and fail start-up when a migration is pending; apply nothing).
     */
    private Mode mode = Mode.MIGRATE;

    /**
     * JDBC URL of the database to migrate (jdbc:postgresql://host:5432/db); when unset, the application's
     * DataSource is used.
     */
    private String url;

    /** Login user for bascule.url. */
    private String user;

    /** Login password for bascule.url. */
    private String password;

    /**
     * Migration locations, in order; the first holding a file name wins. classpath:db/migration (inside jars too),
     * folders, file:// or s3:// (with bascule-aws).
     */
    private List<String> locations = List.of("classpath:db/migration");

    /** Locations (also listed in bascule.locations) holding secure migrations, whose text is never shown. */
    private List<String> secureLocations = List.of();

    /** Manifest listing the migrations to run (classpath:db/manifest.txt or a file); without one every file runs. */
    private String manifest;

    /** Schemas Bascule manages. */
    private List<String> schemas = List.of("public");

    /** Schema of the history table. */
    private String historySchema = "public";

    /** Name of the history table. */
    private String historyTable = "bascule_schema_migrations";

    /** A changed applied migration is a warning instead of an error (local development only). */
    private boolean dev;

    /** How long to wait for another instance's migration lock before start-up fails. */
    private Duration lockWait = Duration.ofSeconds(60);

    /** PostgreSQL lock_timeout for every statement Bascule sends (0: none). */
    private Duration lockTimeout = Duration.ofSeconds(10);

    /** PostgreSQL statement_timeout for migration statements (0: none). */
    private Duration statementTimeout = Duration.ZERO;

    /** Apply nothing above this version. */
    private String target;

    /** SET ROLE to this after connecting, so migrations create objects owned by the application's role. */
    private String role;

    /** On the first migrate, record this tool's applied migrations as applied (pop, with bascule-pop). */
    private String adopt;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public List<String> getSecureLocations() {
        return secureLocations;
    }

    public void setSecureLocations(List<String> secureLocations) {
        this.secureLocations = secureLocations;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public List<String> getSchemas() {
        return schemas;
    }

    public void setSchemas(List<String> schemas) {
        this.schemas = schemas;
    }

    public String getHistorySchema() {
        return historySchema;
    }

    public void setHistorySchema(String historySchema) {
        this.historySchema = historySchema;
    }

    public String getHistoryTable() {
        return historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public boolean isDev() {
        return dev;
    }

    public void setDev(boolean dev) {
        this.dev = dev;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getAdopt() {
        return adopt;
    }

    public void setAdopt(String adopt) {
        this.adopt = adopt;
    }

    @Override
    public String toString() {
        return "BasculeProperties[url=" + url + ", user=" + user + ", locations=" + locations + "]";
    }
}
