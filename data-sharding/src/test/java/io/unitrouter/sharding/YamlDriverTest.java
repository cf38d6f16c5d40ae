package io.unitrouter.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.support.TestRules;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ShardingSphere YAML driver set-up ({@code jdbc:shardingsphere:classpath:...}) with the algorithm and
 * the guard configured by type name, exactly as {@code docs/data-sharding.md} shows, behind a Hikari pool the
 * way Spring Boot builds {@code spring.datasource}.
 */
class YamlDriverTest {

    private static final String URL = "jdbc:shardingsphere:classpath:sharding/unit-sharding-h2.yaml";

    private static UnitRouter router;
    private static UnitRouterRegistry.Registration registration;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() throws SQLException {
        for (int d = 0; d < 2; d++) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:ur_yaml_" + d + ";MODE=MySQL;DB_CLOSE_DELAY=-1",
                    "sa", ""); Statement s = c.createStatement()) {
                for (int k = 0; k < 5; k++) {
                    s.execute("CREATE TABLE IF NOT EXISTS t_account_" + k + " (user_id BIGINT NOT NULL PRIMARY KEY,"
                            + " balance BIGINT NOT NULL, writer VARCHAR(16))");
                }
            }
        }
        router = UnitRouter.builder().rules(TestRules.document()).localCell("rz01").build();
        registration = UnitRouterRegistry.register("yaml-rz01", router);
        pool = new HikariDataSource();
        pool.setDriverClassName("org.apache.shardingsphere.driver.ShardingSphereDriver");
        pool.setJdbcUrl(URL);
        pool.setMaximumPoolSize(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
        registration.close();
        router.close();
    }

    @Test
    void yamlConfiguredAlgorithmRoutesAKeyToTheTableOfItsShardGroup() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)")) {
            insert.setLong(1, 15);
            insert.setLong(2, 150);
            insert.setString(3, "rz01");
            insert.executeUpdate();
        }

        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:ur_yaml_0;MODE=MySQL;DB_CLOSE_DELAY=-1", "sa", "");
                Statement s = h2.createStatement();
                ResultSet rs = s.executeQuery("SELECT balance FROM t_account_1 WHERE user_id = 15")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(150);
        }
    }

    @Test
    void yamlConfiguredGuardRefusesAWriteToAnotherCellsShard() throws SQLException {
        SQLException failure;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            failure = catchThrowableOfType(SQLException.class, () -> s.executeUpdate(
                    "INSERT INTO t_account (user_id, balance, writer) VALUES (2088123456737, 1, 'rz01')"));
        }

        assertThat(failure.getSQLState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_NOT_OWNER);
        assertThat(failure.getCause()).isInstanceOf(WriteRefusedException.class)
                .hasMessage("write to shard 37 (key '2088123456737') refused in cell rz01: owner is rz02 at epoch 42");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_account WHERE user_id = 2088123456737")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
