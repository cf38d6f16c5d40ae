package io.unitrouter.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One instance's report that it has put an epoch in force.
 *
 * <p>Immutable and thread-safe.
 *
 * @param instanceId unique per running instance, e.g. {@code rz01-host3:8080}
 * @param cell the instance's local cell id, or {@code null} for a gateway
 * @param epoch the epoch it applied
 * @param checksum the {@link io.unitrouter.core.RoutingTable#checksum()} of what it applied
 * @param at when it applied it
 */
public record AppliedEpoch(String instanceId, String cell, long epoch, String checksum, Instant at) {

    /** Checks the required fields. */
    public AppliedEpoch {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(at, "at");
    }
}
