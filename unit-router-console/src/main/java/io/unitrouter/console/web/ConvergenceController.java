package io.unitrouter.console.web;

import io.unitrouter.console.failover.FailoverSetup;
import io.unitrouter.core.failover.Convergence;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/convergence}: which epoch every instance has applied, how long ago it reported, and whether it is live. */
@RestController
class ConvergenceController {

    /**
     * The convergence table.
     *
     * @param at when liveness was judged
     * @param epoch the epoch in force, or {@code -1} when the store holds none
     * @param checksum its checksum, or {@code null}
     * @param ttlMillis how long an instance counts as live after its last heartbeat
     * @param live live instances
     * @param current live instances on the epoch in force with its checksum
     * @param instances one row per report
     */
    record ConvergenceView(String at, long epoch, String checksum, long ttlMillis, int live, int current,
            List<Row> instances) {
    }

    /**
     * One instance.
     *
     * @param cell its cell, or {@code null} for a gateway
     * @param state {@code current}, {@code behind}, {@code ahead}, {@code differs} (same epoch, other checksum: an
     *     alert) or {@code stale} (not live)
     */
    record Row(String instanceId, String cell, long epoch, String checksum, String appliedAt, String heartbeat,
            long ageMillis, boolean live, String state) {
    }

    private final RuleStore store;
    private final FailoverSetup setup;
    private final Convergences convergences;

    ConvergenceController(RuleStore store, FailoverSetup setup, Convergences convergences) {
        this.store = store;
        this.setup = setup;
        this.convergences = convergences;
    }

    @GetMapping("/api/convergence")
    ConvergenceView convergence() {
        Optional<RuleDocument> inForce = inForce();
        long epoch = inForce.map(RuleDocument::epoch).orElse(-1L);
        String checksum = inForce.map(d -> RoutingTable.of(d).checksum()).orElse(null);
        Convergence convergence = convergences.now();
        List<Row> rows = convergence.instances().stream().map(s -> new Row(s.instanceId(), s.cell(), s.epoch(),
                s.checksum(), text(s.appliedAt()), text(s.heartbeat()), s.age().toMillis(), s.live(),
                state(s, epoch, checksum))).toList();
        int current = (int) rows.stream().filter(r -> r.state().equals("current")).count();
        return new ConvergenceView(convergence.at().toString(), epoch, checksum, setup.liveness().ttl().toMillis(),
                convergence.live().size(), current, rows);
    }

    /** The convergence table is still worth seeing while the store holds no valid document. */
    private Optional<RuleDocument> inForce() {
        try {
            return Optional.of(store.load());
        } catch (RuleStoreException e) {
            return Optional.empty();
        }
    }

    private static String state(Convergence.InstanceState s, long epoch, String checksum) {
        if (!s.live()) {
            return "stale";
        }
        if (s.epoch() < epoch) {
            return "behind";
        }
        if (s.epoch() > epoch) {
            return "ahead";
        }
        return s.checksum().equals(checksum) ? "current" : "differs";
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
