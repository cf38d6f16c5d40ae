package io.unitrouter.sharding;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.sharding.internal.FenceDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The fence rows of a set of physical databases: one row per shard group in the {@value #TABLE} table of
 * the group's database, naming the only cell whose writes that database accepts and the lowest rules
 * epoch that cell must have applied.
 *
 * <p>The failover coordinator calls {@link #bump} after freezing the moving shards; from the moment the
 * bump commits, the database refuses every write of the old owner, including one whose in-memory rules
 * still claim the shard. The bump's UPDATE takes the exclusive row lock that guarded writes share, so a
 * write transaction of the old owner that checked the fence before the bump commits before the bump
 * does, and any later one is refused.
 *
 * <p>Works on the raw physical data sources (never through ShardingSphere). Thread-safe; each call uses
 * its own connections.
 */
public final class Fences {

    /** The fence table's name. */
    public static final String TABLE = "unit_fence";

    /**
     * The fence table, in SQL that H2, MySQL, MariaDB and PostgreSQL all accept. {@code shard_group} holds
     * the group number as decimal text.
     */
    public static final String CREATE_TABLE_SQL = "CREATE TABLE IF NOT EXISTS unit_fence ("
            + "shard_group VARCHAR(64) NOT NULL PRIMARY KEY, "
            + "owner_cell VARCHAR(64) NOT NULL, "
            + "epoch BIGINT NOT NULL)";

    private final List<String> names;
    private final List<DataSource> dataSources;
    private final ShardLayout layout;
    private final int shards;

    private Fences(List<String> names, List<DataSource> dataSources, ShardLayout layout, int shards) {
        this.names = names;
        this.dataSources = dataSources;
        this.layout = layout;
        this.shards = shards;
    }

    /**
     * The fences of some physical databases.
     *
     * @param dataSources the physical databases in layout order (a {@link LinkedHashMap} or sorted map)
     * @param layout the layout; its database count must match
     * @param shards {@code N}, the shard count of the rules
     * @return the fences
     * @throws UnitRouterException if the counts do not fit
     */
    public static Fences of(Map<String, DataSource> dataSources, ShardLayout layout, int shards) {
        if (dataSources.size() != layout.databases()) {
            throw new UnitRouterException("the layout " + layout + " needs " + layout.databases()
                    + " data sources, but " + dataSources.size() + " were given: " + dataSources.keySet(),
                    Map.of("dataSources", dataSources.size()), null);
        }
        layout.shardsPerGroup(shards);
        return new Fences(List.copyOf(dataSources.keySet()), List.copyOf(dataSources.values()), layout, shards);
    }

    /** The layout the groups follow. */
    public ShardLayout layout() {
        return layout;
    }

    /** The shard group of a shard. */
    public int groupOf(int shard) {
        return layout.groupOf(shard, shards);
    }

    /**
     * Creates the fence table in every database that lacks it ({@link #CREATE_TABLE_SQL}).
     *
     * @throws UnitRouterException naming the database that failed
     */
    public void createTables() {
        for (int d = 0; d < dataSources.size(); d++) {
            try (Connection c = dataSources.get(d).getConnection(); Statement s = c.createStatement()) {
                s.execute(CREATE_TABLE_SQL);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } catch (SQLException e) {
                throw failure("cannot create " + TABLE + " in database " + names.get(d), e);
            }
        }
    }

    /**
     * Creates the missing fence rows from the rules in force: each group's owner at the table's epoch.
     * Existing rows are left alone.
     *
     * @param table the rules in force
     * @return the rows created
     * @throws UnitRouterException if a group's shards have more than one owner (a fence can name only one),
     *     or a database fails
     */
    public List<FenceRow> initialize(RoutingTable table) {
        if (table.shards() != shards) {
            throw new UnitRouterException("the rules have " + table.shards() + " shards, the fences " + shards,
                    Map.of("shards", table.shards()), null);
        }
        List<FenceRow> wanted = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            wanted.add(new FenceRow(g, ownerOfGroup(table, g), table.epoch()));
        }
        List<FenceRow> created = new ArrayList<>();
        for (int d = 0; d < dataSources.size(); d++) {
            try (Connection c = dataSources.get(d).getConnection()) {
                c.setAutoCommit(true);
                for (FenceRow row : wanted) {
                    if (layout.databaseOf(row.group()) == d && read(c, row.group(), null).isEmpty()
                            && insert(c, row)) {
                        created.add(row);
                    }
                }
            } catch (SQLException e) {
                throw failure("cannot initialize the fences in database " + names.get(d), e);
            }
        }
        return List.copyOf(created);
    }

    /**
     * Moves the fences of some shards to a new owner and epoch. Each database's groups change in one
     * transaction; the databases are done one after another, so a failure can leave some databases bumped:
     * call again with the same arguments, which is idempotent.
     *
     * @param shardsToMove the shards; they must cover whole groups
     * @param newOwner the cell that may write them from now on
     * @param newEpoch the lowest epoch that cell must have applied, usually the epoch that publishes it as
     *     the owner
     * @return the fence rows now in force, by group
     * @throws UnitRouterException if the shards do not cover whole groups, a group's fence is already at
     *     {@code newEpoch} or later with another owner (nothing in that database changes), or a database
     *     fails
     */
    public List<FenceRow> bump(Collection<Integer> shardsToMove, String newOwner, long newEpoch) {
        if (newOwner == null || newOwner.isBlank()) {
            throw new UnitRouterException("a fence bump needs the new owner cell");
        }
        Set<Integer> groups = groupsCovering(shardsToMove);
        List<FenceRow> result = new ArrayList<>();
        for (int d = 0; d < dataSources.size(); d++) {
            List<Integer> here = new ArrayList<>();
            for (int g : groups) {
                if (layout.databaseOf(g) == d) {
                    here.add(g);
                }
            }
            if (!here.isEmpty()) {
                result.addAll(bumpIn(d, here, newOwner, newEpoch));
            }
        }
        return List.copyOf(result);
    }

    /**
     * Moves the fences of a range of shards; see {@link #bump(Collection, String, long)}.
     *
     * @param range the shards, covering whole groups
     * @param newOwner the new owner cell
     * @param newEpoch the new epoch
     * @return the fence rows now in force
     */
    public List<FenceRow> bump(ShardRange range, String newOwner, long newEpoch) {
        List<Integer> list = new ArrayList<>(range.size());
        for (int s = range.from(); s <= range.to(); s++) {
            list.add(s);
        }
        return bump(list, newOwner, newEpoch);
    }

    /**
     * The fence row of a group.
     *
     * @param group {@code 0..G-1}
     * @return the row, or empty when the group has none
     * @throws UnitRouterException if the database fails
     */
    public Optional<FenceRow> read(int group) {
        int d = layout.databaseOf(group);
        try (Connection c = dataSources.get(d).getConnection()) {
            return read(c, group, null);
        } catch (SQLException e) {
            throw failure("cannot read the fence of shard group " + group + " in database " + names.get(d), e);
        }
    }

    /**
     * Every fence row, by group.
     *
     * @return the rows that exist
     * @throws UnitRouterException if a database fails
     */
    public List<FenceRow> readAll() {
        List<FenceRow> rows = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            read(g).ifPresent(rows::add);
        }
        return List.copyOf(rows);
    }

    private List<FenceRow> bumpIn(int d, List<Integer> groups, String newOwner, long newEpoch) {
        List<FenceRow> rows = new ArrayList<>();
        try (Connection c = dataSources.get(d).getConnection()) {
            c.setAutoCommit(false);
            boolean done = false;
            try (PreparedStatement update = c.prepareStatement("UPDATE unit_fence SET owner_cell = ?, epoch = ? "
                    + "WHERE shard_group = ? AND epoch < ?")) {
                for (int g : groups) {
                    update.setString(1, newOwner);
                    update.setLong(2, newEpoch);
                    update.setString(3, Integer.toString(g));
                    update.setLong(4, newEpoch);
                    if (update.executeUpdate() == 0) {
                        Optional<FenceRow> current = read(c, g, FenceDialect.of(c));
                        if (current.isEmpty()) {
                            insert(c, new FenceRow(g, newOwner, newEpoch));
                        } else if (!current.get().ownerCell().equals(newOwner) || current.get().epoch() != newEpoch) {
                            throw new UnitRouterException("the fence of shard group " + g + " in database "
                                    + names.get(d) + " is already at epoch " + current.get().epoch() + " (owner "
                                    + current.get().ownerCell() + "); it cannot move to " + newOwner + " at epoch "
                                    + newEpoch, Map.of("group", g, "database", names.get(d),
                                            "fenceOwner", current.get().ownerCell(), "fenceEpoch",
                                            current.get().epoch()), null);
                        }
                    }
                    rows.add(new FenceRow(g, newOwner, newEpoch));
                }
                c.commit();
                done = true;
            } finally {
                if (!done) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw failure("cannot bump the fences of shard groups " + groups + " in database " + names.get(d), e);
        }
        return rows;
    }

    private Set<Integer> groupsCovering(Collection<Integer> shardsToMove) {
        if (shardsToMove.isEmpty()) {
            throw new UnitRouterException("a fence bump needs at least one shard");
        }
        BitSet requested = new BitSet(shards);
        for (int shard : shardsToMove) {
            if (shard < 0 || shard >= shards) {
                throw new UnitRouterException("shard " + shard + " is outside 0.." + (shards - 1),
                        Map.of("shard", shard), null);
            }
            requested.set(shard);
        }
        Set<Integer> groups = new TreeSet<>();
        for (int s = requested.nextSetBit(0); s >= 0; s = requested.nextSetBit(s + 1)) {
            groups.add(layout.groupOf(s, shards));
        }
        for (int g : groups) {
            ShardRange range = layout.shardsOf(g, shards);
            for (int s = range.from(); s <= range.to(); s++) {
                if (!requested.get(s)) {
                    throw new UnitRouterException("the shards to move include part of shard group " + g + " (shards "
                            + range + ") but not shard " + s + ": a fence covers a whole group, so move whole groups"
                            + " (" + layout + ")", Map.of("group", g, "missingShard", s), null);
                }
            }
        }
        return groups;
    }

    private String ownerOfGroup(RoutingTable table, int group) {
        ShardRange range = layout.shardsOf(group, shards);
        Set<String> owners = new LinkedHashSet<>();
        for (int s = range.from(); s <= range.to(); s++) {
            owners.add(table.ownerOf(s).id());
        }
        if (owners.size() > 1) {
            throw new UnitRouterException("shard group " + group + " (shards " + range + ") is owned by " + owners
                    + " at epoch " + table.epoch() + "; a fence names one owner per group, so every group must have a"
                    + " single owner (" + layout + ")", Map.of("group", group, "owners", owners.toString()), null);
        }
        return owners.iterator().next();
    }

    /**
     * Checks that every group of a table has a single owner, as the fence needs.
     *
     * @param table the rules
     * @throws UnitRouterException naming the first group with several owners
     */
    void checkSingleOwners(RoutingTable table) {
        for (int g = 0; g < layout.groups(); g++) {
            ownerOfGroup(table, g);
        }
    }

    /**
     * Checks that every database has a usable fence table.
     *
     * @throws UnitRouterException naming the database and giving the DDL
     */
    void checkTables() {
        for (int d = 0; d < dataSources.size(); d++) {
            Connection c;
            try {
                c = dataSources.get(d).getConnection();
            } catch (SQLException e) {
                throw failure("database " + names.get(d) + " cannot be reached", e);
            }
            try (c) {
                read(c, -1, null);
            } catch (SQLException e) {
                throw failure("the fence is on, but database " + names.get(d) + " has no usable " + TABLE
                        + " table; create it with Fences.createTables() or: " + CREATE_TABLE_SQL, e);
            }
        }
    }

    private static Optional<FenceRow> read(Connection c, int group, FenceDialect lock) throws SQLException {
        String sql = lock == null ? "SELECT owner_cell, epoch FROM unit_fence WHERE shard_group = ?" : lock.lockQuery();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, Integer.toString(group));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new FenceRow(group, rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    private static boolean insert(Connection c, FenceRow row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO unit_fence (shard_group, owner_cell, epoch) VALUES (?, ?, ?)")) {
            s.setString(1, Integer.toString(row.group()));
            s.setString(2, row.ownerCell());
            s.setLong(3, row.epoch());
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (c.getAutoCommit() && e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    private static UnitRouterException failure(String what, SQLException e) {
        return new UnitRouterException(what + ": " + io.unitrouter.sharding.internal.SqlFailures.describe(e),
                Map.of("sqlState", String.valueOf(e.getSQLState())),
                e);
    }
}
