package io.unitrouter.gateway;

/**
 * Receives what the gateway filters do, for metrics. {@link MicrometerGatewayMetrics} publishes it; declare
 * a bean of this type to send it elsewhere.
 *
 * <p>Implementations must be thread-safe and must not block: they are called on the request path.
 */
public interface GatewayMetrics {

    /** Discards everything. */
    GatewayMetrics NONE = new GatewayMetrics() {
        @Override
        public void request(GatewayOutcome outcome, String cell) {
        }

        @Override
        public void holdStarted() {
        }

        @Override
        public void holdEnded(long nanos, String result) {
        }

        @Override
        public void routingHeadersRemoved(String verdict) {
        }

        @Override
        public String toString() {
            return "GatewayMetrics.NONE";
        }
    };

    /**
     * A request a unit route handled.
     *
     * @param outcome what happened to it
     * @param cell the cell it was sent to, or {@code null} when it was answered by the gateway
     */
    void request(GatewayOutcome outcome, String cell);

    /** A write to a frozen shard starts waiting for the next epoch. */
    void holdStarted();

    /**
     * A hold ended.
     *
     * @param nanos how long it lasted
     * @param result {@code forwarded} (a new epoch let the write through), {@code expired} (answered 503) or
     *     {@code cancelled} (the client went away)
     */
    void holdEnded(long nanos, String result);

    /**
     * Incoming routing headers were removed from a request.
     *
     * @param verdict {@code genuine} (validly signed), {@code forged} (signature missing or wrong), or
     *     {@code unverified} (no secret is configured, or none of the headers is one the codec reads)
     */
    void routingHeadersRemoved(String verdict);
}
