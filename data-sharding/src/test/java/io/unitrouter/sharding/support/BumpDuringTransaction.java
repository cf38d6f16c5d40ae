package io.unitrouter.sharding.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.Fences;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The check behind every "the fence holds across this transaction boundary" test. In one transaction of
 * cell rz01: {@code before}, write key 5 (the fence of shard group 0 is read and locked), cross the
 * {@code boundary}; then, while the coordinator moves group 0 to rz02, write key 6. Whatever the boundary
 * did, no write of rz01 may land after the bump committed:
 * <ul>
 *   <li>if the boundary was refused, or kept the fence's lock, the bump waits for this transaction, and
 *       key 6 lands (if at all) before it;</li>
 *   <li>if the boundary released the lock, the bump goes through, and the write of key 6 must read the fence
 *       again and be refused (or fail, when the database has aborted the transaction).</li>
 * </ul>
 */
public final class BumpDuringTransaction {

    private static final List<Integer> GROUP_0 = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    private final ShardingFixture fixture;
    private final Fences fences;
    private final long bumpEpoch;

    /**
     * @param fixture the databases, with fence rows naming rz01 for group 0
     * @param fences their fences
     * @param bumpEpoch the epoch to move group 0 to rz02 at
     */
    public BumpDuringTransaction(ShardingFixture fixture, Fences fences, long bumpEpoch) {
        this.fixture = fixture;
        this.fences = fences;
        this.bumpEpoch = bumpEpoch;
    }

    /**
     * Runs the check.
     *
     * @param connection an open connection of rz01, in auto-commit mode; it is closed afterwards
     * @param insertSql an INSERT of an account row of rz01 whose only parameter is the key
     * @param before what runs first in the transaction
     * @param boundary the transaction boundary under test; it may be refused or fail
     * @throws Exception if the check cannot run
     */
    public void assertNoStaleWriteLandsAfterTheBump(Connection connection, String insertSql, ConnectionCall before,
            ConnectionCall boundary) throws Exception {
        boolean bumpedBeforeTheWrite;
        SQLException writeFailure;
        CompletableFuture<List<FenceRow>> bump;
        try (Connection c = connection; PreparedStatement insert = c.prepareStatement(insertSql)) {
            c.setAutoCommit(false);
            before.run(c);
            insert.setLong(1, 5);
            insert.executeUpdate();
            try {
                boundary.run(c);
            } catch (SQLException | RuntimeException refusedOrUnknown) {
                // The guard may refuse the boundary, or this database may not know it; the write below decides.
            }

            bump = CompletableFuture.supplyAsync(() -> fences.bump(GROUP_0, "rz02", bumpEpoch));
            await().atMost(Duration.ofSeconds(30)).until(() -> bump.isDone() || fixture.lockWaits(0) > 0);
            bumpedBeforeTheWrite = bump.isDone();
            insert.setLong(1, 6);
            writeFailure = catchThrowableOfType(SQLException.class, insert::executeUpdate);
            if (!bumpedBeforeTheWrite) {
                assertThat(bump).as("the bump waits for this transaction, which kept the fence's lock").isNotDone();
            }
            end(c, writeFailure == null);
        }
        assertThat(bump.get(30, TimeUnit.SECONDS)).extracting(FenceRow::ownerCell).containsOnly("rz02");

        if (bumpedBeforeTheWrite) {
            // Refused by the fence, or failed because the database had aborted the transaction (PostgreSQL
            // releases an aborted transaction's locks at once); either way it must not land.
            assertThat((Throwable) writeFailure).as("the write after the bump committed").isNotNull();
            assertThat(fixture.locate(6)).isEmpty();
        }
    }

    /** Ends the transaction whatever state the boundary left the connection in. */
    private static void end(Connection c, boolean commit) {
        try {
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // The connection is closed next; the pool or the database rolls back what is left.
            }
        }
    }

    /** A JDBC call on a connection. */
    @FunctionalInterface
    public interface ConnectionCall {

        /** Does nothing. */
        ConnectionCall NOTHING = c -> { };

        void run(Connection c) throws SQLException;
    }
}
