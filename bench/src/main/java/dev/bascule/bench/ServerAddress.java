package dev.bascule.bench;

/** The PostgreSQL server every contender uses; trust authentication, so no password travels anywhere. */
public record ServerAddress(String host, int port, String user) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
