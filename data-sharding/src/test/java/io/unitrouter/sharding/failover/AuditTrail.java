package io.unitrouter.sharding.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.sharding.support.ShardingFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The committed writes as the databases themselves record them: every audit row (written in the transaction
 * of its write) and every shard's account balance, read straight from the physical databases, and the
 * invariants checked on them.
 */
final class AuditTrail {

    /** The audit table of one physical table, created beside {@code t_account_k}. */
    static String createTable(int table) {
        return "CREATE TABLE t_audit_" + table + " (write_id BIGINT NOT NULL PRIMARY KEY, user_id BIGINT NOT NULL,"
                + " shard INT NOT NULL, cell VARCHAR(16) NOT NULL, instance_id VARCHAR(64) NOT NULL,"
                + " epoch_before BIGINT NOT NULL, epoch_after BIGINT NOT NULL, seq BIGINT NOT NULL)";
    }

    /**
     * One committed write.
     *
     * @param writeId the write
     * @param shard its shard
     * @param cell the cell that made it
     * @param instance the instance that made it
     * @param epochBefore the instance's epoch before its first statement
     * @param epochAfter its epoch before its last statement: the write was admitted at an epoch in between
     * @param seq its place in the shard's sequence (the account balance it produced)
     */
    record Write(long writeId, int shard, String cell, String instance, long epochBefore, long epochAfter, long seq) {
    }

    private final Map<Integer, List<Write>> byShard;
    private final Map<Integer, Long> balances;

    private AuditTrail(Map<Integer, List<Write>> byShard, Map<Integer, Long> balances) {
        this.byShard = byShard;
        this.balances = balances;
    }

    static AuditTrail read(ShardingFixture fixture) {
        Map<Integer, List<Write>> byShard = new HashMap<>();
        Map<Integer, Long> balances = new HashMap<>();
        for (DataSource database : fixture.adminDataSources().values()) {
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                for (int k = 0; k < ShardingFixture.LAYOUT.tablesPerDatabase(); k++) {
                    try (ResultSet rs = s.executeQuery("SELECT write_id, shard, cell, instance_id, epoch_before,"
                            + " epoch_after, seq FROM t_audit_" + k)) {
                        while (rs.next()) {
                            Write write = new Write(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                    rs.getLong(5), rs.getLong(6), rs.getLong(7));
                            byShard.computeIfAbsent(write.shard(), x -> new ArrayList<>()).add(write);
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT user_id, balance FROM t_account_" + k)) {
                        while (rs.next()) {
                            balances.put((int) rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        byShard.values().forEach(writes -> writes.sort(Comparator.comparingLong(Write::seq)));
        return new AuditTrail(byShard, balances);
    }

    long writes() {
        return byShard.values().stream().mapToLong(List::size).sum();
    }

    /** Writes committed by one instance. */
    List<Write> writesOf(String instance) {
        return byShard.values().stream().flatMap(List::stream).filter(w -> w.instance().equals(instance)).toList();
    }

    /**
     * Every shard's writes are numbered 1..balance without gaps or repeats: each committed write was atomic (its
     * audit row committed with its update) and none was lost or applied twice.
     */
    void assertEveryShardsSequenceIsWhole() {
        for (int shard = 0; shard < 100; shard++) {
            List<Long> seqs = byShard.getOrDefault(shard, List.of()).stream().map(Write::seq).toList();
            long balance = balances.getOrDefault(shard, -1L);
            assertThat(seqs).as("sequence of shard %d (balance %d)", shard, balance)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, balance).boxed().toList());
        }
    }

    /** Every write a client saw acknowledged is in the databases, at the place the client was told. */
    void assertNoAcknowledgedWriteIsMissing(List<SimulatedClients.Ack> acks) {
        Map<Long, Write> byId = byShard.values().stream().flatMap(List::stream)
                .collect(Collectors.toMap(Write::writeId, w -> w));
        for (SimulatedClients.Ack ack : acks) {
            Write write = byId.get(ack.writeId());
            assertThat(write).as("acknowledged write %d", ack.writeId()).isNotNull();
            assertThat(write.shard()).isEqualTo(ack.shard());
            assertThat(write.seq()).isEqualTo(ack.seq());
        }
    }

    /**
     * In each shard's commit order, the writes of one cell never interleave in epochs with another's: when the
     * writer changes from one cell to the next, every write of the earlier cell was admitted at an epoch
     * strictly before any write of the later one. A stale owner that wrote after the new owner would break it.
     */
    void assertNoTwoCellsWroteAShardInOverlappingEpochs() {
        for (Map.Entry<Integer, List<Write>> entry : byShard.entrySet()) {
            List<List<Write>> runs = new ArrayList<>();
            for (Write write : entry.getValue()) {
                if (runs.isEmpty() || !runs.get(runs.size() - 1).get(0).cell().equals(write.cell())) {
                    runs.add(new ArrayList<>());
                }
                runs.get(runs.size() - 1).add(write);
            }
            for (int i = 0; i + 1 < runs.size(); i++) {
                long lastBefore = runs.get(i).stream().mapToLong(Write::epochBefore).max().orElseThrow();
                long firstAfter = runs.get(i + 1).stream().mapToLong(Write::epochAfter).min().orElseThrow();
                assertThat(lastBefore).as("shard %d: %s wrote up to epoch %d, then %s from epoch %d", entry.getKey(),
                        runs.get(i).get(0).cell(), lastBefore, runs.get(i + 1).get(0).cell(), firstAfter)
                        .isLessThan(firstAfter);
            }
        }
    }

    /** Each write was made by its shard's owner, unfrozen, in some epoch it may have been admitted at. */
    void assertEveryWriteWasByTheOwnerOfItsEpoch(Map<Long, RuleDocument> documents) {
        for (List<Write> writes : byShard.values()) {
            for (Write write : writes) {
                boolean owner = false;
                boolean known = false;
                for (long epoch = write.epochBefore(); epoch <= write.epochAfter(); epoch++) {
                    RuleDocument doc = documents.get(epoch);
                    if (doc != null) {
                        known = true;
                        owner |= doc.ownerOf(write.shard()).equals(write.cell()) && !doc.isFrozen(write.shard());
                    }
                }
                assertThat(known).as("a document for write %s", write).isTrue();
                assertThat(owner).as("write %s by the owner, unfrozen", write).isTrue();
            }
        }
    }

    /** The cells that committed writes. */
    Set<String> cells() {
        return byShard.values().stream().flatMap(List::stream).map(Write::cell).collect(Collectors.toSet());
    }
}
