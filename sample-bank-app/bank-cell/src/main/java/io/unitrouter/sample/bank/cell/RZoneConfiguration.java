package io.unitrouter.sample.bank.cell;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sample.bank.support.BankSchema;
import io.unitrouter.sharding.UnitShardingDataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * An RZone: accounts and transfers. Its data: the shard groups' databases behind unit-router's guarded, fenced ShardingSphere data
 * source, so that this cell can write only the shards it owns at the epoch in force, and the database itself
 * refuses it once a failover has bumped a group's fence to another cell.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bank.zone", havingValue = "rzone", matchIfMissing = true)
class RZoneConfiguration {

    // Eager under lazy initialization: the data source connects to every database and starts ShardingSphere, which
    // belongs in the start-up rather than in the first request.
    @Bean(destroyMethod = "close")
    @Lazy(false)
    UnitShardingDataSource bankDataSource(UnitRouter router, BankProperties properties) {
        List<String> urls = properties.shardDatabases();
        if (urls.isEmpty()) {
            throw new IllegalStateException("bank.shard-databases is empty: an RZone needs the JDBC URL of every"
                    + " shard group's database, database 0 first");
        }
        Map<String, DataSource> databases = new LinkedHashMap<>();
        for (int i = 0; i < urls.size(); i++) {
            databases.put("ds_" + i, Databases.pool("bank-ds-" + i, urls.get(i), properties));
        }
        UnitShardingDataSource.Builder builder = UnitShardingDataSource.builder().router(router).dataSources(databases)
                .fence(true);
        BankSchema.SHARDED_TABLES.forEach(table -> builder.table(table, "user_id"));
        return builder.build();
    }

    @Bean
    Ledger ledger(DataSource bankDataSource, UnitRouter router) {
        return new Ledger(new JdbcTemplate(bankDataSource),
                new TransactionTemplate(new DataSourceTransactionManager(bankDataSource)), router);
    }

    @Bean
    CreditClient creditClient(@LoadBalanced RestClient.Builder cellClientBuilder) {
        return new CreditClient(cellClientBuilder);
    }

    @Bean
    TransferService transferService(Ledger ledger, UnitRouter router, CreditClient creditClient) {
        return new TransferService(ledger, router, creditClient);
    }

    @Bean
    @Lazy(false)
    OutboxRelay outboxRelay(Ledger ledger, TransferService transferService, UnitRouter router,
            BankProperties properties) {
        return new OutboxRelay(ledger, transferService, router, properties);
    }
}
