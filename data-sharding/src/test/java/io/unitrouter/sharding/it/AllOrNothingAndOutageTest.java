package io.unitrouter.sharding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.support.GuardedCell;
import io.unitrouter.sharding.support.OutageDataSource;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.PerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The review's other findings: an auto-commit write spanning shard groups was not all or nothing with the
 * guard alone; with the fence, a database outage surfaced as an SQLException with no message and no SQL
 * state; and a fenced build against a database that is down blamed a missing fence table.
 */
@PerDatabase
class AllOrNothingAndOutageTest {

    private static final String TWO_GROUPS = "INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'x'), (15, 1, 'x')";

    private static GuardedCell cell;
    private static ShardingFixture fixture;
    private static UnitShardingDataSource guardOnly;
    private static UnitShardingDataSource fenced;

    private final TestDatabase database;
    private final List<OutageDataSource> outages = new ArrayList<>();

    AllOrNothingAndOutageTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        cell = GuardedCell.start(database);
        fixture = cell.fixture();
        guardOnly = cell.dataSource().build();
        fenced = cell.dataSource().fence(true).build();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        guardOnly.close();
        fenced.close();
        cell.close();
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        cell.reset();
        fixture.insertAccount(15, 100, "existing");
    }

    @AfterEach
    void closeOutages() {
        outages.forEach(OutageDataSource::close);
    }

    @Test
    void autoCommitInsertSpanningGroupsIsAllOrNothingWithTheGuardAlone() throws SQLException {
        assertAllOrNothing(guardOnly);
    }

    @Test
    void autoCommitInsertSpanningGroupsIsAllOrNothingWithTheFence() throws SQLException {
        assertAllOrNothing(fenced);
    }

    @Test
    void autoCommitInsertInOneGroupRunsAndTheConnectionStaysInAutoCommit() throws SQLException {
        try (Connection c = guardOnly.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'x'), (6, 1, 'x')"))
                    .isEqualTo(2);
            assertThat(c.getAutoCommit()).isTrue();
        }

        assertThat(fixture.locate(5)).hasSize(1);
        assertThat(fixture.locate(6)).hasSize(1);
    }

    private void assertAllOrNothing(UnitShardingDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                PreparedStatement p = c.prepareStatement(
                        "INSERT INTO t_account (user_id, balance, writer) VALUES (?, 1, 'x'), (?, 1, 'x')")) {
            assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> s.executeUpdate(TWO_GROUPS)))
                    .as("the row of group 1 collides").isNotNull();
            assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> s.execute(TWO_GROUPS))).isNotNull();
            p.setLong(1, 6);
            p.setLong(2, 15);
            assertThat((Throwable) catchThrowableOfType(SQLException.class, p::executeUpdate)).isNotNull();
            assertThat(c.getAutoCommit()).as("back in auto-commit mode").isTrue();

            s.executeUpdate("INSERT INTO t_account (user_id, balance, writer) VALUES (7, 1, 'x'), (17, 1, 'x')");
        }

        assertThat(fixture.locate(5)).as("the row of group 0 was rolled back").isEmpty();
        assertThat(fixture.locate(6)).isEmpty();
        assertThat(fixture.locate(7)).hasSize(1);
        assertThat(fixture.locate(17)).hasSize(1);
        assertThat(fixture.balance(15)).contains(100L);
    }

    @Test
    void outageDuringAFencedWriteSurfacesTheCausesMessageAndSqlState() throws SQLException {
        try (UnitShardingDataSource dataSource = fencedOverOutages(); Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM t_account WHERE user_id = 5").close();
            outages.forEach(OutageDataSource::down);

            assertSurfaced(catchThrowableOfType(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'x')")));
            assertSurfaced(catchThrowableOfType(SQLException.class, () -> c.setAutoCommit(false)));
            assertSurfaced(catchThrowableOfType(SQLException.class, c::commit));
            assertSurfaced(catchThrowableOfType(SQLException.class, c::rollback));
            outages.forEach(OutageDataSource::up);
        }
    }

    @Test
    void fencedBuildAgainstADatabaseThatIsDownSaysSoFirst() {
        Map<String, DataSource> physical = outageDataSources();
        outages.get(1).down();

        assertThatThrownBy(() -> cell.dataSource().dataSources(physical).fence(true).build())
                .isInstanceOf(UnitRouterException.class)
                .hasMessage("database ds_1 cannot be reached: " + OutageDataSource.MESSAGE + " (SQL state "
                        + OutageDataSource.SQLSTATE + "); check that it runs and that its pool's URL, user and password"
                        + " are right");
    }

    @Test
    void buildAgainstAPortWhereNoDatabaseListensSaysTheDatabaseCannotBeReached() {
        Map<String, DataSource> physical = new LinkedHashMap<>(fixture.newDataSources());
        ((HikariDataSource) physical.get("ds_1")).close();
        HikariDataSource unreachable = database.unreachablePool();
        physical.put("ds_1", unreachable);
        try {
            assertThatThrownBy(() -> cell.dataSource().dataSources(physical).fence(true).build())
                    .isInstanceOf(UnitRouterException.class)
                    .hasMessageStartingWith("database ds_1 cannot be reached: ")
                    .hasMessageNotContaining("unit_fence");
        } finally {
            unreachable.close();
            ((HikariDataSource) physical.get("ds_0")).close();
        }
    }

    private UnitShardingDataSource fencedOverOutages() {
        return cell.dataSource().dataSources(outageDataSources()).fence(true).build();
    }

    private Map<String, DataSource> outageDataSources() {
        Map<String, DataSource> result = new LinkedHashMap<>();
        fixture.newDataSources().forEach((name, pool) -> {
            OutageDataSource outage = new OutageDataSource((HikariDataSource) pool);
            outages.add(outage);
            result.put(name, outage);
        });
        return result;
    }

    private static void assertSurfaced(SQLException failure) {
        assertThat((Throwable) failure).isNotNull();
        assertThat(failure.getMessage()).contains(OutageDataSource.MESSAGE);
        assertThat(failure.getSQLState()).isEqualTo(OutageDataSource.SQLSTATE);
    }
}
