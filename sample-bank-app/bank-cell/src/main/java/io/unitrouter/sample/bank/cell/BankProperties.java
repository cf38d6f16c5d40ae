package io.unitrouter.sample.bank.cell;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bank's own settings ({@code bank.*}); routing settings are the starter's ({@code unit-router.*}).
 *
 * @param zone what this cell serves: {@code rzone} (accounts and transfers), {@code gzone} (global rates,
 *     written by the active GZone) or {@code czone} (a city's reads of the rates)
 * @param shardDatabases JDBC URLs of the shard groups' databases, in layout order (database 0 first); needed by
 *     an RZone
 * @param globalDatabase JDBC URL of the global database; needed by a GZone or CZone
 * @param databaseUser the database user, for every database
 * @param databasePassword its password; empty by default
 * @param creditTimeout connect and read timeout of a credit call to another cell; default 2 s
 * @param relayDelay how old a pending transfer must be before the outbox relay retries its credit (so that it
 *     does not race the request that is still sending it); default 1.5 s
 */
@ConfigurationProperties("bank")
public record BankProperties(@DefaultValue("rzone") String zone, @DefaultValue List<String> shardDatabases,
        String globalDatabase, @DefaultValue("sa") String databaseUser, @DefaultValue("") String databasePassword,
        @DefaultValue("2s") Duration creditTimeout, @DefaultValue("1500ms") Duration relayDelay) {
}
