package io.unitrouter.sharding.internal;

import java.util.Properties;
import java.util.UUID;
import org.apache.shardingsphere.infra.config.mode.ModeConfiguration;
import org.apache.shardingsphere.mode.repository.standalone.StandalonePersistRepositoryConfiguration;

/**
 * ShardingSphere's standalone mode with a metadata repository that belongs to one data source.
 *
 * <p>Without a mode, ShardingSphere keeps the metadata of every data source in the JVM in one in-memory H2
 * database ({@code jdbc:h2:mem:config}). A data source built while another is open then takes its schemas
 * from that shared store instead of loading them from its own databases, and one closing while another
 * starts leaves the starter with half a copy. On PostgreSQL that surfaced as
 * {@code Schema 'unit_router' does not exist} at the first statement of a restarted instance. An in-memory
 * database of its own, dropped when ShardingSphere closes its last connection to it, keeps each data source's
 * metadata to itself.
 */
public final class PrivateMetadataMode {

    private PrivateMetadataMode() {
    }

    /**
     * A standalone mode whose repository is a new in-memory database.
     *
     * @return a mode no other data source shares
     */
    public static ModeConfiguration create() {
        Properties props = new Properties();
        // The same settings as ShardingSphere's default repository, under a name of this data source's own.
        props.setProperty("provider", "H2");
        // A random name, not a counter: H2's in-memory databases belong to the JVM, while a counter belongs to
        // one class loader, and an application restarted in a new one (a dev-tools restart, a redeployed web
        // application) would count from 1 again and meet the databases of the one still closing.
        props.setProperty("jdbc_url", "jdbc:h2:mem:unit_router_metadata_" + UUID.randomUUID().toString()
                .replace('-', '_') + ";DB_CLOSE_DELAY=0;DATABASE_TO_UPPER=false;MODE=MYSQL");
        return new ModeConfiguration("Standalone", new StandalonePersistRepositoryConfiguration("JDBC", props));
    }
}
