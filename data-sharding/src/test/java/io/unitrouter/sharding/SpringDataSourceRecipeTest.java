package io.unitrouter.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TestRules;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Spring recipe of {@code docs/data-sharding.md}: the built data source is the application's
 * {@code DataSource} bean, used through {@link JdbcTemplate} and Spring transactions.
 */
class SpringDataSourceRecipeTest {

    private static ShardingFixture fixture;

    @BeforeAll
    static void createDatabases() {
        fixture = ShardingFixture.create(TestDatabase.H2);
        fixture.fences().initialize(io.unitrouter.core.routing.RoutingTable.of(TestRules.document()));
    }

    @AfterAll
    static void dropDatabases() {
        fixture.close();
    }

    /** What an application declares; in Spring Boot the {@code DataSource} bean replaces the auto-configured one. */
    @Configuration(proxyBeanMethods = false)
    static class DataConfiguration {

        @Bean(destroyMethod = "close")
        UnitRouter unitRouter() {
            return UnitRouter.builder().rules(TestRules.document()).localCell("rz01").build();
        }

        @Bean(destroyMethod = "close")
        UnitShardingDataSource dataSource(UnitRouter unitRouter) {
            return UnitShardingDataSource.builder()
                    .router(unitRouter)
                    .dataSources(fixture.newDataSources())
                    .tablesPerDatabase(5)
                    .table("t_account", "user_id")
                    .fence(true)
                    .build();
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        TransactionTemplate transactionTemplate(DataSource dataSource) {
            return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }
    }

    @Test
    void applicationWritesItsOwnShardsThroughTheDataSourceBeanAndForeignWritesRollBackTheTransaction() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
                DataConfiguration.class)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);

            jdbc.update("INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)", 5, 100, "rz01");
            DataAccessException failure = catchThrowableOfType(DataAccessException.class, () ->
                    transactions.executeWithoutResult(status -> {
                        jdbc.update("UPDATE t_account SET balance = balance - 10 WHERE user_id = ?", 5);
                        jdbc.update("UPDATE t_account SET balance = balance + 10 WHERE user_id = ?", 37);
                    }));

            assertThat(ShardAccessRefusedException.find(failure)).containsInstanceOf(WriteRefusedException.class);
            assertThat(jdbc.queryForObject("SELECT balance FROM t_account WHERE user_id = ?", Long.class, 5))
                    .as("the debit of the refused transfer was rolled back").isEqualTo(100L);
        }
        assertThat(fixture.balance(5)).contains(100L);
    }
}
