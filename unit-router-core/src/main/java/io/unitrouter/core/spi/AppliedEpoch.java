package io.unitrouter.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One instance's report that it has put an epoch in force, with a heartbeat: a router reports when it
 * applies an epoch and again every heartbeat interval (default 1 s) while it runs, so a report whose
 * heartbeat is old belongs to an instance that stopped (see {@code io.unitrouter.core.failover.Liveness}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param instanceId unique per running instance, e.g. {@code rz01@host3#4711}
 * @param cell the instance's local cell id, or {@code null} for a gateway
 * @param epoch the epoch it applied
 * @param checksum the {@link io.unitrouter.core.routing.RoutingTable#checksum()} of what it applied
 * @param at when it applied that epoch
 * @param heartbeat when it last reported, at or after {@code at}
 */
public record AppliedEpoch(String instanceId, String cell, long epoch, String checksum, Instant at,
        Instant heartbeat) {

    /** Checks the required fields. */
    public AppliedEpoch {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /**
     * A report made at the moment of applying: the heartbeat is {@code at}.
     *
     * @param instanceId the instance
     * @param cell its local cell, or {@code null}
     * @param epoch the epoch applied
     * @param checksum the checksum of what it applied
     * @param at when
     */
    public AppliedEpoch(String instanceId, String cell, long epoch, String checksum, Instant at) {
        this(instanceId, cell, epoch, checksum, at, at);
    }

    /** The same report with a later heartbeat. */
    public AppliedEpoch withHeartbeat(Instant heartbeat) {
        return new AppliedEpoch(instanceId, cell, epoch, checksum, at, heartbeat);
    }
}
