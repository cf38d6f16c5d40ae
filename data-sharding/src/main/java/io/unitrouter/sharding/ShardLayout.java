package io.unitrouter.sharding;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * Where each shard's rows live: {@code M} physical databases of {@code K} tables each, so
 * {@code G = M * K} <em>shard groups</em>. A shard group is one physical table in one physical database.
 *
 * <p>With {@code N} shards ({@code N} must be a multiple of {@code G}), each group holds {@code N / G}
 * consecutive shards:
 * <pre>
 *   group    = shard / (N / G)
 *   database = group / K          (index into the data sources, in the order given)
 *   table    = group % K          (physical table {@code <logic>_<table>}, or {@code <logic>} when K = 1)
 * </pre>
 * For example 100 shards over 10 databases of 10 tables: shard 37 is group 37, database 3, table
 * {@code t_account_7}. 100 shards over 2 databases of 5 tables: shard 37 is group 3 (shards 30-39),
 * database 0, table {@code t_account_3}.
 *
 * <p>Consecutive shards share a group so that a cell owning a range of shards (rules are written as
 * ranges, e.g. {@code 0-19}) owns whole groups, and so whole databases. The fence is kept per group, so
 * with the fence on every group must have a single owner.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardLayout {

    private final int databases;
    private final int tablesPerDatabase;

    private ShardLayout(int databases, int tablesPerDatabase) {
        this.databases = databases;
        this.tablesPerDatabase = tablesPerDatabase;
    }

    /**
     * A layout of {@code databases} physical databases with {@code tablesPerDatabase} tables each.
     *
     * @param databases {@code M >= 1}
     * @param tablesPerDatabase {@code K >= 1}
     * @return the layout
     * @throws UnitRouterException if either is less than 1
     */
    public static ShardLayout of(int databases, int tablesPerDatabase) {
        if (databases < 1) {
            throw new UnitRouterException("a shard layout needs at least 1 database, was " + databases,
                    Map.of("databases", databases), null);
        }
        if (tablesPerDatabase < 1) {
            throw new UnitRouterException("a shard layout needs at least 1 table per database, was "
                    + tablesPerDatabase, Map.of("tablesPerDatabase", tablesPerDatabase), null);
        }
        if ((long) databases * tablesPerDatabase > 100_000) {
            throw new UnitRouterException("a shard layout of " + databases + " databases x " + tablesPerDatabase
                    + " tables has more shard groups than the 100000 shards a rule document can have",
                    Map.of("databases", databases, "tablesPerDatabase", tablesPerDatabase), null);
        }
        return new ShardLayout(databases, tablesPerDatabase);
    }

    /** {@code M}, the number of physical databases. */
    public int databases() {
        return databases;
    }

    /** {@code K}, the number of physical tables of each logical table in each database. */
    public int tablesPerDatabase() {
        return tablesPerDatabase;
    }

    /** {@code G = M * K}, the number of shard groups. */
    public int groups() {
        return databases * tablesPerDatabase;
    }

    /**
     * Checks that {@code shards} spread evenly over the groups.
     *
     * @param shards {@code N}, from the rule document
     * @return a sentence naming the values when they do not fit, or {@code null} when they do
     */
    public String problemWith(int shards) {
        if (shards % groups() == 0) {
            return null;
        }
        return shards + " shards cannot be spread evenly over " + databases + " databases x " + tablesPerDatabase
                + " tables = " + groups() + " shard groups: the shard count must be a multiple of the group count";
    }

    /**
     * How many consecutive shards each group holds.
     *
     * @param shards {@code N}
     * @return {@code N / G}
     * @throws UnitRouterException if {@code N} is not a multiple of {@code G}
     */
    public int shardsPerGroup(int shards) {
        String problem = problemWith(shards);
        if (problem != null) {
            throw new UnitRouterException(problem,
                    Map.of("shards", shards, "databases", databases, "tablesPerDatabase", tablesPerDatabase), null);
        }
        return shards / groups();
    }

    /**
     * The group of a shard.
     *
     * @param shard {@code 0..N-1}
     * @param shards {@code N}
     * @return {@code 0..G-1}
     * @throws UnitRouterException if {@code N} is not a multiple of {@code G}, or the shard is out of range
     */
    public int groupOf(int shard, int shards) {
        if (shard < 0 || shard >= shards) {
            throw new UnitRouterException("shard " + shard + " is outside 0.." + (shards - 1), Map.of("shard", shard),
                    null);
        }
        return shard / shardsPerGroup(shards);
    }

    /** The database index ({@code 0..M-1}) of a group. */
    public int databaseOf(int group) {
        return checkGroup(group) / tablesPerDatabase;
    }

    /** The table index ({@code 0..K-1}) of a group. */
    public int tableOf(int group) {
        return checkGroup(group) % tablesPerDatabase;
    }

    /**
     * The group stored in a database's table.
     *
     * @param database {@code 0..M-1}
     * @param table {@code 0..K-1}
     * @return {@code database * K + table}
     */
    public int groupAt(int database, int table) {
        if (database < 0 || database >= databases || table < 0 || table >= tablesPerDatabase) {
            throw new UnitRouterException("database " + database + ", table " + table + " is outside the layout of "
                    + this, Map.of("database", database, "table", table), null);
        }
        return database * tablesPerDatabase + table;
    }

    /**
     * The shards a group holds.
     *
     * @param group {@code 0..G-1}
     * @param shards {@code N}
     * @return the consecutive shards of the group
     * @throws UnitRouterException if {@code N} is not a multiple of {@code G}
     */
    public ShardRange shardsOf(int group, int shards) {
        checkGroup(group);
        int size = shardsPerGroup(shards);
        return ShardRange.of(group * size, group * size + size - 1);
    }

    /**
     * The physical name of a logical table in a database: {@code <logic>_<table>}, or {@code <logic>} itself
     * when there is one table per database.
     *
     * @param logicTable the logical table, e.g. {@code t_account}
     * @param table {@code 0..K-1}
     * @return e.g. {@code t_account_7}
     */
    public String physicalTable(String logicTable, int table) {
        if (table < 0 || table >= tablesPerDatabase) {
            throw new UnitRouterException("table index " + table + " is outside 0.." + (tablesPerDatabase - 1),
                    Map.of("table", table), null);
        }
        return tablesPerDatabase == 1 ? logicTable : logicTable + "_" + table;
    }

    private int checkGroup(int group) {
        if (group < 0 || group >= groups()) {
            throw new UnitRouterException("shard group " + group + " is outside 0.." + (groups() - 1),
                    Map.of("group", group), null);
        }
        return group;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardLayout other && other.databases == databases
                && other.tablesPerDatabase == tablesPerDatabase;
    }

    @Override
    public int hashCode() {
        return databases * 31 + tablesPerDatabase;
    }

    /** E.g. {@code 10 databases x 10 tables}. */
    @Override
    public String toString() {
        return databases + " databases x " + tablesPerDatabase + " tables";
    }
}
