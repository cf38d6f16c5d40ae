package io.unitrouter.sample.bank.cell;

import io.unitrouter.core.routing.UnitRouter;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/** Currency rates in the global database, in millionths. */
final class Rates {

    private final JdbcTemplate jdbc;
    private final UnitRouter router;
    private final String cell;

    Rates(JdbcTemplate jdbc, UnitRouter router) {
        this.jdbc = jdbc;
        this.router = router;
        this.cell = router.localCell().orElseThrow(() -> new IllegalStateException(
                "a GZone or CZone needs unit-router.local-cell")).id();
    }

    /** Every rate, by currency. */
    Map<String, Long> all() {
        Map<String, Long> rates = new TreeMap<>();
        jdbc.query("SELECT currency, rate_micros FROM t_rate", rs -> {
            rates.put(rs.getString(1), rs.getLong(2));
        });
        return rates;
    }

    /** Sets a rate, recording this cell and the epoch in force as its writer. */
    void set(String currency, long rateMicros) {
        long epoch = router.table().epoch();
        if (jdbc.update("UPDATE t_rate SET rate_micros = ?, writer_cell = ?, writer_epoch = ? WHERE currency = ?",
                rateMicros, cell, epoch, currency) == 0) {
            jdbc.update("INSERT INTO t_rate (currency, rate_micros, writer_cell, writer_epoch) VALUES (?, ?, ?, ?)",
                    currency, rateMicros, cell, epoch);
        }
    }

    String cell() {
        return cell;
    }
}
