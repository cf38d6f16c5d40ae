package io.unitrouter.sharding.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.RunStatus;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TestRules;
import java.nio.file.Path;
import io.unitrouter.sharding.support.PerDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover coordinator under load, against the data layer's write guard and fence, with the databases
 * as the judge.
 *
 * <p>Five cells (rz01..rz05) of two instances each apply rules from one file store; each instance writes
 * through its own guarded, fenced data source to shared physical databases. Client threads hammer all 100
 * shards: every write adds one to its shard's account and records an audit row (cell, instance, epochs) in
 * the same transaction. A zombie instance of rz01 is cut off from rule updates at the first failure and keeps
 * writing rz01's old shards. Meanwhile the coordinator runs dc-down:hz1, switchback:hz1, drain:sz1,
 * switchback:sz1, city-down:sh and switchback:sh.
 *
 * <p>Then, from the databases: no two cells committed writes for one shard in overlapping epochs, each write
 * was its shard's owner's at that epoch, no acknowledged write is missing, every shard's writes are numbered
 * without gaps; from the clients: every request got a definite answer; from the zombie: the fence refused it.
 *
 * <p>Runs once per enabled database (H2 in every build, MariaDB and PostgreSQL with {@code -Pdatabases}). One
 * cycle runs by default (well under two minutes per database); {@code -Dunitrouter.simulation.cycles=N} runs N.
 */
@PerDatabase
class FailoverSimulationTest {

    private static final int CYCLES = Integer.getInteger("unitrouter.simulation.cycles", 1);
    private static final int CLIENTS = 6;

    private final TestDatabase database;

    @TempDir
    Path dir;

    FailoverSimulationTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void failoversUnderLoadNeverLetTwoCellsWriteAShardNorLoseAnAcknowledgedWrite() throws Exception {
        try (ShardingFixture fixture = ShardingFixture.create(database);
                Simulation simulation = new Simulation(fixture, dir)) {
            simulation.start(CLIENTS);
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                simulation.cycle();
            }
            simulation.stop();

            SimulatedClients clients = simulation.clients();
            System.out.printf("failover simulation on %s: %d requests %s; zombie %d committed, %d refused by the"
                    + " fence%n", database, clients.requests(), clients.outcomes(),
                    simulation.zombie().count(SimulatedInstance.Outcome.COMMITTED),
                    simulation.zombie().count(SimulatedInstance.Outcome.FENCED));
            assertThat(clients.errors()).as("client requests without a definite answer").isEmpty();
            assertThat(clients.answered()).as("requests answered").isEqualTo(clients.requests());
            assertThat(simulation.zombie().errors()).as("zombie writes without a definite answer").isEmpty();

            AuditTrail audit = AuditTrail.read(fixture);
            audit.assertEveryShardsSequenceIsWhole();
            audit.assertNoAcknowledgedWriteIsMissing(clients.acks());
            audit.assertNoTwoCellsWroteAShardInOverlappingEpochs();
            audit.assertEveryWriteWasByTheOwnerOfItsEpoch(simulation.documents());
            assertThat(audit.cells()).containsExactlyInAnyOrder("rz01", "rz02", "rz03", "rz04", "rz05");

            // The zombie kept writing after it was cut off; the fence refused it from the first bump on.
            assertThat(simulation.zombie().count(SimulatedInstance.Outcome.FENCED)).isPositive();
            long firstBump = simulation.runs().get(0).switchEpoch();
            assertThat(audit.writesOf("rz01-zombie")).allSatisfy(w -> assertThat(w.epochAfter())
                    .isLessThan(firstBump));

            assertThat(simulation.runs()).hasSize(6 * CYCLES).extracting(FailoverRun::status)
                    .containsOnly(RunStatus.COMPLETED);
            assertThat(RoutingTable.of(simulation.inForce()).checksum())
                    .isEqualTo(RoutingTable.of(TestRules.document()).checksum());
            assertThat(audit.writes()).isGreaterThanOrEqualTo(clients.committed());
        }
    }
}
