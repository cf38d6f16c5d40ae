package io.unitrouter.sample.bank.cell;

import com.zaxxer.hikari.HikariDataSource;

/** Connection pools on the bank's physical databases. */
final class Databases {

    private Databases() {
    }

    /**
     * A small pool: a cell has one per database, and the demo runs a dozen cells on one machine.
     *
     * @param name the pool's name, for its log lines and threads
     * @param url the JDBC URL
     * @param properties user and password
     * @return the pool, connected
     */
    static HikariDataSource pool(String name, String url, BankProperties properties) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(url);
        pool.setUsername(properties.databaseUser());
        pool.setPassword(properties.databasePassword());
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(3000);
        return pool;
    }
}
