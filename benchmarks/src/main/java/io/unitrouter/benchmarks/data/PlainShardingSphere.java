package io.unitrouter.benchmarks.data;

import io.unitrouter.sharding.ShardLayout;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;

/**
 * ShardingSphere as a team would configure it without unit-router: the same layout and shard function
 * ({@code user_id mod 100}, ten shards per physical table), expressed with ShardingSphere's own {@code INLINE}
 * algorithms. The baseline the unit-router paths are compared with.
 */
final class PlainShardingSphere {

    private PlainShardingSphere() {
    }

    /**
     * Starts ShardingSphere over the physical databases.
     *
     * @param dataSources {@code ds_0 .. ds_(M-1)}
     * @param layout the layout of 100 shards
     * @return the ShardingSphere data source
     * @throws SQLException if ShardingSphere does not start
     */
    static DataSource create(Map<String, DataSource> dataSources, ShardLayout layout) throws SQLException {
        int shardsPerGroup = layout.shardsPerGroup(100);
        int tables = layout.tablesPerDatabase();
        ShardingTableRuleConfiguration account = new ShardingTableRuleConfiguration("t_account",
                "ds_${0.." + (layout.databases() - 1) + "}.t_account_${0.." + (tables - 1) + "}");
        account.setDatabaseShardingStrategy(new StandardShardingStrategyConfiguration("user_id", "database_inline"));
        account.setTableShardingStrategy(new StandardShardingStrategyConfiguration("user_id", "table_inline"));
        ShardingRuleConfiguration rule = new ShardingRuleConfiguration();
        rule.getTables().add(account);
        rule.getShardingAlgorithms().put("database_inline", inline(
                "ds_${(user_id % 100).intdiv(" + shardsPerGroup * tables + ")}"));
        rule.getShardingAlgorithms().put("table_inline", inline(
                "t_account_${(user_id % 100).intdiv(" + shardsPerGroup + ") % " + tables + "}"));
        Properties props = new Properties();
        props.setProperty("system-schema-metadata-assembly-enabled", "false");
        return ShardingSphereDataSourceFactory.createDataSource("plain_sharding", null, dataSources, List.of(rule),
                props);
    }

    private static AlgorithmConfiguration inline(String expression) {
        Properties props = new Properties();
        props.setProperty("algorithm-expression", expression);
        return new AlgorithmConfiguration("INLINE", props);
    }
}
