package io.unitrouter.sharding.shardingsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.Range;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.UnitRouterRegistry;
import io.unitrouter.sharding.support.TestRules;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.shardingsphere.infra.datanode.DataNodeInfo;
import org.apache.shardingsphere.infra.exception.core.external.sql.ShardingSphereSQLException;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The algorithm on its own, as the ShardingSphere YAML configuration would set it up. */
class UnitShardingAlgorithmTest {

    private static final DataNodeInfo NODES = new DataNodeInfo("t_account_", 1, '0');
    private static final List<String> DATABASES = List.of("ds_0", "ds_1");
    private static final List<String> TABLES = List.of("t_account_0", "t_account_1", "t_account_2", "t_account_3",
            "t_account_4");

    private UnitRouter router;
    private UnitRouterRegistry.Registration registration;

    @BeforeEach
    void register() {
        router = UnitRouter.builder().rules(TestRules.document()).localCell("rz01").build();
        registration = UnitRouterRegistry.register("algorithm-test", router);
    }

    @AfterEach
    void unregister() {
        registration.close();
        router.close();
    }

    private static UnitShardingAlgorithm algorithm(String target, String... extra) {
        Properties props = new Properties();
        props.setProperty("router-name", "algorithm-test");
        props.setProperty("target", target);
        props.setProperty("databases", "2");
        props.setProperty("tables-per-database", "5");
        for (int i = 0; i < extra.length; i += 2) {
            props.setProperty(extra[i], extra[i + 1]);
        }
        UnitShardingAlgorithm algorithm = new UnitShardingAlgorithm();
        algorithm.init(props);
        return algorithm;
    }

    @Test
    void preciseValueMapsThroughTheShardFunctionToItsGroupsDatabaseAndTable() {
        assertThat(algorithm("database").doSharding(DATABASES, precise(2088123456788L))).isEqualTo("ds_1");
        assertThat(algorithm("table").doSharding(TABLES, precise(2088123456788L))).isEqualTo("t_account_3");
        assertThat(algorithm("database").doSharding(DATABASES, precise("37"))).isEqualTo("ds_0");
    }

    @Test
    void explicitDataSourceNamesMayReplaceTheSuffixConvention() {
        UnitShardingAlgorithm algorithm = algorithm("database", "data-sources", "hz_a, hz_b");

        assertThat(algorithm.doSharding(List.of("hz_a", "hz_b"), precise(55))).isEqualTo("hz_b");
    }

    @Test
    void narrowRangeRoutesToTheTargetsOfItsShardsAndAWideOneToAll() {
        RangeShardingValue<Comparable<?>> narrow = new RangeShardingValue<>("t_account", "user_id", NODES,
                Range.closed(5L, 15L));
        RangeShardingValue<Comparable<?>> wide = new RangeShardingValue<>("t_account", "user_id", NODES,
                Range.atLeast(5L));

        assertThat(algorithm("table").doSharding(TABLES, narrow)).containsExactly("t_account_0", "t_account_1");
        assertThat(algorithm("database").doSharding(DATABASES, narrow)).containsExactly("ds_0");
        assertThat(algorithm("database").doSharding(DATABASES, wide)).containsExactlyElementsOf(DATABASES);
    }

    @Test
    void malformedKeyReachesTheCallerAsAnSqlExceptionWithTheCause() {
        assertThatThrownBy(() -> algorithm("database").doSharding(DATABASES, precise(-5L)))
                .isInstanceOfSatisfying(ShardingSphereSQLException.class, e -> {
                    SQLException sql = e.toSQLException();
                    assertThat(sql.getSQLState()).isEqualTo("UR000");
                    assertThat(sql.getCause()).isInstanceOf(MalformedKeyException.class);
                    assertThat(sql.getMessage()).startsWith("routing key '-5'");
                });
    }

    @Test
    void badPropertiesAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> algorithm("sideways"))
                .hasMessage("UNIT_ROUTER property target must be one of [database, table], was 'sideways'");
        assertThatThrownBy(() -> algorithm("database", "databases", "two"))
                .hasMessage("UNIT_ROUTER property databases must be a whole number, was 'two'");
        assertThatThrownBy(() -> algorithm("database", "router-name", "ghost"))
                .hasMessageStartingWith("no UnitRouter is registered under 'ghost'");
        assertThatThrownBy(() -> algorithm("database", "data-sources", "a,b,c"))
                .hasMessage("UNIT_ROUTER property data-sources names 3 data sources but databases is 2");
    }

    private static PreciseShardingValue<Comparable<?>> precise(Comparable<?> value) {
        return new PreciseShardingValue<>("t_account", "user_id", NODES, value);
    }
}
