package io.unitrouter.sharding.it;

import static io.unitrouter.sharding.support.AccountInsert.INSERT;
import static io.unitrouter.sharding.support.AccountInsert.bind;
import static io.unitrouter.sharding.support.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.Access;
import io.unitrouter.sharding.FenceRefusedException;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardAccessRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.WriteRefusedException;
import io.unitrouter.sharding.support.BumpWaitsForOpenTransaction;
import io.unitrouter.sharding.support.ClassResources;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TwoCells;
import io.unitrouter.sharding.support.PerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The database fence. Cell rz01 follows one rule store and rz02 another, so a test can leave rz01 stale
 * (it never hears of a new epoch) while the coordinator moves shards to rz02 and bumps the fence.
 */
@PerDatabase
class FenceTest {

    private static final ClassResources resources = new ClassResources();
    private static TwoCells cells;
    private static ShardingFixture fixture;
    private static Fences fences;
    private static UnitShardingDataSource dataSourceOfRz01;
    private static UnitShardingDataSource dataSourceOfRz02;

    private final TestDatabase database;
    private long epoch;

    FenceTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        cells = resources.add(TwoCells.start(database));
        fixture = cells.fixture();
        fences = cells.fences();
        dataSourceOfRz01 = resources.add(cells.fencedDataSource(cells.rz01()).build());
        dataSourceOfRz02 = resources.add(cells.fencedDataSource(cells.rz02()).build());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        resources.close();
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        epoch = cells.reset();
    }

    @Test
    void writesOfEveryKindPassWhileTheFenceNamesThisCell() throws SQLException {
        try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(insert, 5, "rz01");
            insert.executeUpdate();
            bind(insert, 7, "rz01");
            insert.addBatch();
            bind(insert, 17, "rz01");
            insert.addBatch();
            assertThat(insert.executeBatch()).hasSize(2);
            c.setAutoCommit(false);
            bind(insert, 6, "rz01");
            insert.executeUpdate();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE t_account SET balance = 9 WHERE user_id = 5");
            }
            c.commit();
            c.setAutoCommit(true);
        }

        assertThat(fixture.balance(5)).contains(9L);
        assertThat(fixture.rowsWrittenBy("rz01")).isEqualTo(4);
    }

    @Test
    void fenceRefusesAStaleOwnerWhoseRulesStillClaimTheShard() throws SQLException {
        fixture.insertAccount(6, 100, "rz01");
        fences.bump(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), "rz02", epoch + 1);
        assertThat(cells.rz01().route(5, Access.WRITE).local()).as("rz01 still believes it owns shard 5").isTrue();

        try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT);
                Statement s = c.createStatement()) {
            bind(insert, 5, "rz01");
            FenceRefusedException refusal = assertRefused(insert::executeUpdate, FenceRefusedException.class);
            assertThat(refusal).hasMessage("write to shard group 0 (shards 0-9) in database ds_0 refused by the fence:"
                    + " fence owner is rz02 at epoch " + (epoch + 1) + "; this cell is rz01 at epoch " + epoch);
            assertThat(refusal.fenceOwner()).isEqualTo("rz02");
            assertThat(refusal.fenceEpoch()).isEqualTo(epoch + 1);
            assertThat(refusal.group()).isZero();
            assertThat(refusal.database()).isEqualTo("ds_0");
            assertThat(refusal.sqlState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_FENCE);

            assertRefused(() -> s.executeUpdate("UPDATE t_account SET balance = 0 WHERE user_id = 6"),
                    FenceRefusedException.class);

            bind(insert, 7, "rz01");
            insert.addBatch();
            bind(insert, 8, "rz01");
            insert.addBatch();
            assertRefused(insert::executeBatch, FenceRefusedException.class);
        }

        assertThat(fixture.balance(6)).contains(100L);
        assertThat(fixture.rowsWrittenBy("rz01")).isEqualTo(1);
    }

    @Test
    void fenceRefusalInsideATransactionLeavesNothingOfTheTransaction() throws SQLException {
        fences.bump(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), "rz02", epoch + 1);

        SQLException commitFailure;
        try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            bind(insert, 15, "rz01");
            insert.executeUpdate();
            bind(insert, 5, "rz01");
            assertRefused(insert::executeUpdate, FenceRefusedException.class);
            commitFailure = catchThrowableOfType(SQLException.class, c::commit);
            c.setAutoCommit(true);
        }

        assertThat(commitFailure.getSQLState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_ROLLED_BACK);
        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void autoCommitWriteSpanningGroupsIsAllOrNothingWhenTheFenceRefusesOneOfThem() throws SQLException {
        fences.bump(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), "rz02", epoch + 1);

        try (Connection c = dataSourceOfRz01.getConnection(); Statement s = c.createStatement()) {
            assertRefused(() -> s.executeUpdate("INSERT INTO t_account (user_id, balance, writer)"
                    + " VALUES (15, 1, 'rz01'), (5, 1, 'rz01')"), FenceRefusedException.class);
        }

        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void fenceRefusesAGroupThatHasNoFenceRow() throws SQLException {
        fixture.sql(0, "DELETE FROM unit_fence WHERE shard_group = '1'");

        try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(insert, 15, "rz01");
            FenceRefusedException refusal = assertRefused(insert::executeUpdate, FenceRefusedException.class);
            assertThat(refusal).hasMessageContaining("unit_fence has no row for shard group 1");
            assertThat(refusal.fenceOwner()).isNull();
        }

        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void fenceRefusesAnEpochNewerThanThisCellHasAppliedUntilItCatchesUp() throws SQLException {
        fences.bump(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), "rz01", epoch + 3);

        try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(insert, 15, "rz01");
            FenceRefusedException refusal = assertRefused(insert::executeUpdate, FenceRefusedException.class);
            assertThat(refusal).hasMessageContaining("fence owner is rz01 at epoch " + (epoch + 3)
                    + ", newer than this cell's epoch " + epoch);

            cells.rulesOfRz01().advanceTo(epoch + 3);
            bind(insert, 15, "rz01");
            insert.executeUpdate();
        }

        assertThat(fixture.balance(15)).contains(1L);
    }

    @Test
    void newOwnerWritesOnlyOnceTheFenceMovesAndTheStaleOwnerIsRefusedFromThen() throws SQLException {
        long moved = cells.rulesOfRz02().move("0-9", "rz02");

        try (Connection newOwner = dataSourceOfRz02.getConnection();
                PreparedStatement insertOfRz02 = newOwner.prepareStatement(INSERT);
                Connection staleOwner = dataSourceOfRz01.getConnection();
                PreparedStatement insertOfRz01 = staleOwner.prepareStatement(INSERT)) {
            bind(insertOfRz02, 5, "rz02");
            FenceRefusedException early = assertRefused(insertOfRz02::executeUpdate, FenceRefusedException.class);
            assertThat(early.fenceOwner()).isEqualTo("rz01");

            fences.bump(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), "rz02", moved);

            bind(insertOfRz02, 5, "rz02");
            insertOfRz02.executeUpdate();
            bind(insertOfRz01, 6, "rz01");
            assertRefused(insertOfRz01::executeUpdate, FenceRefusedException.class);
        }

        assertThat(fixture.rowsWrittenBy("rz02")).isEqualTo(1);
        assertThat(fixture.rowsWrittenBy("rz01")).isZero();
    }

    @Test
    void batchQueuedUnderAnOlderEpochIsCheckedAgainstTheEpochInForceWhenItRuns() throws SQLException {
        try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(insert, 5, "rz01");
            insert.addBatch();
            bind(insert, 6, "rz01");
            insert.addBatch();

            cells.rulesOfRz01().move("0-9", "rz02");
            WriteRefusedException refusal = assertRefused(insert::executeBatch, WriteRefusedException.class);
            assertThat(refusal.owner()).isEqualTo("rz02");
            assertThat(refusal).hasMessageContaining("shard group 0 (shards 0-9");
        }

        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void bumpWaitsForTheOldOwnersOpenTransactionAndRefusesItsNextOne() throws Exception {
        BumpWaitsForOpenTransaction.assertBumpWaitsAndTheNextTransactionIsRefused(fixture, fences, epoch,
                dataSourceOfRz01, "the bump waits for the old owner's transaction");
    }

    @Test
    void racingCellsAcrossAFenceBumpNeverBothLandWritesForTheMovingShards() throws Exception {
        long moved = cells.rulesOfRz02().move("0-9", "rz02");
        AtomicBoolean bumpDone = new AtomicBoolean();
        Writer oldOwner1 = new Writer(dataSourceOfRz01, "rz01", 1, false, bumpDone);
        Writer oldOwner2 = new Writer(dataSourceOfRz01, "rz01", 2, true, bumpDone);
        Writer newOwner = new Writer(dataSourceOfRz02, "rz02", 3, false, bumpDone);
        List<CompletableFuture<Void>> running = List.of(CompletableFuture.runAsync(oldOwner1),
                CompletableFuture.runAsync(oldOwner2), CompletableFuture.runAsync(newOwner));

        await().atMost(Duration.ofSeconds(30)).until(() -> oldOwner1.landed.size() + oldOwner2.landed.size() >= 20);
        long bumpStarted = System.nanoTime();
        fences.bump(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), "rz02", moved);
        long bumpCommitted = System.nanoTime();
        bumpDone.set(true);
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (Writer old : List.of(oldOwner1, oldOwner2)) {
            assertThat(old.landed).as("every write of the old owner that landed began before the bump committed")
                    .allSatisfy(w -> assertThat(w.began()).isLessThan(bumpCommitted));
            assertThat(old.refusedAfterBump).as("the old owner kept trying after the bump").isGreaterThan(0);
        }
        assertThat(newOwner.landed).as("the new owner wrote once the fence moved").isNotEmpty()
                .allSatisfy(w -> assertThat(w.ended()).isGreaterThan(bumpStarted));
        long oldRows = oldOwner1.landed.stream().mapToLong(Write::rows).sum()
                + oldOwner2.landed.stream().mapToLong(Write::rows).sum();
        assertThat(fixture.rowsWrittenBy("rz01")).as("rows of the old owner: exactly the acknowledged ones")
                .isEqualTo(oldRows);
        assertThat(fixture.rowsWrittenBy("rz02")).as("rows of the new owner: exactly the acknowledged ones")
                .isEqualTo(newOwner.landed.stream().mapToLong(Write::rows).sum());
    }

    /** A write that landed: when it began and ended (System.nanoTime) and how many rows it wrote. */
    private record Write(long began, long ended, long rows) {
    }

    /**
     * Writes rows of shards 0-9 as fast as it can, in auto-commit mode or as two-row transactions, until
     * the bump is done and it has seen what it must see: the old owner three refusals, the new owner
     * three landed writes.
     */
    private static final class Writer implements Runnable {

        private final UnitShardingDataSource dataSource;
        private final String cell;
        private final long keyBase;
        private final boolean transactional;
        private final AtomicBoolean bumpDone;
        private final List<Write> landed = new CopyOnWriteArrayList<>();
        private volatile int refusedAfterBump;

        Writer(UnitShardingDataSource dataSource, String cell, int id, boolean transactional, AtomicBoolean bumpDone) {
            this.dataSource = dataSource;
            this.cell = cell;
            this.keyBase = id * 10_000_000L;
            this.transactional = transactional;
            this.bumpDone = bumpDone;
        }

        @Override
        public void run() {
            boolean oldOwner = cell.equals("rz01");
            int landedAfterBump = 0;
            try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
                c.setAutoCommit(!transactional);
                for (long n = 0; n < 200_000; n++) {
                    boolean afterBump = bumpDone.get();
                    if (afterBump && (oldOwner ? refusedAfterBump >= 3 : landedAfterBump >= 3)) {
                        return;
                    }
                    long began = System.nanoTime();
                    try {
                        bind(insert, key(2 * n), cell);
                        insert.executeUpdate();
                        if (transactional) {
                            bind(insert, key(2 * n + 1), cell);
                            insert.executeUpdate();
                            c.commit();
                        }
                        landed.add(new Write(began, System.nanoTime(), transactional ? 2 : 1));
                        landedAfterBump += afterBump ? 1 : 0;
                    } catch (SQLException e) {
                        assertThat(ShardAccessRefusedException.find(e)).as("only refusals are expected: %s", e)
                                .containsInstanceOf(FenceRefusedException.class);
                        if (transactional) {
                            c.rollback();
                        }
                        refusedAfterBump += afterBump ? 1 : 0;
                    }
                }
                throw new AssertionError(cell + " never saw the end of the race");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The key of the writer's row number {@code r}; its shard is {@code r % 10}. */
        private long key(long r) {
            return keyBase + r * 100 + r % 10;
        }
    }
}
