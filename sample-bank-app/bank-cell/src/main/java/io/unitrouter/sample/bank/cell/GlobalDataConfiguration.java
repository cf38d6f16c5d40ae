package io.unitrouter.sample.bank.cell;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.routing.UnitRouter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A GZone's or CZone's data: the global database. Only the active GZone writes it; the starter's
 * {@code @GlobalScoped} check refuses writes anywhere else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${bank.zone:rzone}' == 'gzone' or '${bank.zone:rzone}' == 'czone'")
class GlobalDataConfiguration {

    @Bean(destroyMethod = "close")
    @Lazy(false)
    HikariDataSource globalDataSource(BankProperties properties) {
        if (properties.globalDatabase() == null || properties.globalDatabase().isBlank()) {
            throw new IllegalStateException("bank.global-database is not set: a " + properties.zone()
                    + " cell needs the JDBC URL of the global database");
        }
        return Databases.pool("bank-global", properties.globalDatabase(), properties);
    }

    @Bean
    Rates rates(HikariDataSource globalDataSource, UnitRouter router) {
        return new Rates(new JdbcTemplate(globalDataSource), router);
    }
}
