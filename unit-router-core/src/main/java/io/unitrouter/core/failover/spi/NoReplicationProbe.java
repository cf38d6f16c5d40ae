package io.unitrouter.core.failover.spi;

/** {@link ReplicationProbe#none()}: does not wait. */
enum NoReplicationProbe implements ReplicationProbe {
    INSTANCE;

    @Override
    public void awaitCatchUp(CatchUp request) {
        // Nothing to wait for: the databases are shared or replicate synchronously.
    }

    @Override
    public String toString() {
        return "no replication probe";
    }
}
