package io.unitrouter.sharding.support;

import static io.unitrouter.sharding.support.AccountInsert.INSERT;
import static io.unitrouter.sharding.support.AccountInsert.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.unitrouter.sharding.FenceRefusedException;
import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardAccessRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The check behind "a fence bump waits for the old owner's open transaction, and refuses its next one", in
 * each fence mode ({@code FenceTest}: the guard reads the fence; {@code FenceTriggerTest}: the triggers do).
 * Written once so that both modes are held to the same sequence: rz01 writes keys 5 and 6 of shard group 0 in
 * one transaction; the coordinator's move of group 0 to rz02 starts between the two and must wait for the
 * commit; rz01's write of key 7 after the bump is refused.
 */
public final class BumpWaitsForOpenTransaction {

    private static final List<Integer> GROUP_0 = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    private BumpWaitsForOpenTransaction() {
    }

    /**
     * Runs the check.
     *
     * @param fixture the databases, with fence rows naming rz01 for group 0 at {@code epoch}
     * @param fences their fences
     * @param epoch the epoch in force; the bump moves group 0 to rz02 at the next one
     * @param dataSourceOfRz01 the fenced data source of the old owner
     * @param whyTheBumpWaits the description of the assertion that the bump is still waiting
     * @throws Exception if the check cannot run
     */
    public static void assertBumpWaitsAndTheNextTransactionIsRefused(ShardingFixture fixture, Fences fences,
            long epoch, DataSource dataSourceOfRz01, String whyTheBumpWaits) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch commitNow = new CountDownLatch(1);
        CountDownLatch bumped = new CountDownLatch(1);
        CompletableFuture<SQLException> oldOwner = CompletableFuture.supplyAsync(() -> {
            try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
                c.setAutoCommit(false);
                bind(insert, 5, "rz01");
                insert.executeUpdate();
                holding.countDown();
                assertThat(commitNow.await(30, TimeUnit.SECONDS)).isTrue();
                bind(insert, 6, "rz01");
                insert.executeUpdate();
                c.commit();
                assertThat(bumped.await(30, TimeUnit.SECONDS)).isTrue();
                bind(insert, 7, "rz01");
                SQLException refused = catchThrowableOfType(SQLException.class, insert::executeUpdate);
                c.rollback();
                c.setAutoCommit(true);
                return refused;
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<List<FenceRow>> bump = CompletableFuture.supplyAsync(() ->
                fences.bump(GROUP_0, "rz02", epoch + 1));
        await().atMost(Duration.ofSeconds(15)).until(() -> fixture.lockWaits(0) > 0);
        assertThat(bump).as(whyTheBumpWaits).isNotDone();
        commitNow.countDown();
        assertThat(bump.get(30, TimeUnit.SECONDS)).extracting(FenceRow::ownerCell).containsOnly("rz02");
        bumped.countDown();

        SQLException refused = oldOwner.get(30, TimeUnit.SECONDS);
        assertThat(ShardAccessRefusedException.find(refused)).containsInstanceOf(FenceRefusedException.class);
        assertThat(fixture.locate(5)).containsExactly("ds_0.t_account_0");
        assertThat(fixture.locate(6)).containsExactly("ds_0.t_account_0");
        assertThat(fixture.locate(7)).isEmpty();
    }
}
