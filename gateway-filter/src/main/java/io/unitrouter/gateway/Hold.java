package io.unitrouter.gateway;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One write being held: measures it and reports its end exactly once, however it ends.
 *
 * <p>Thread-safe.
 */
final class Hold {

    /** A new epoch let the write through. */
    static final String FORWARDED = "forwarded";
    /** The hold timed out; the write was refused. */
    static final String EXPIRED = "expired";
    /** The client went away while the write was held. */
    static final String CANCELLED = "cancelled";

    private final GatewayMetrics metrics;
    private final long start = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();

    Hold(GatewayMetrics metrics) {
        this.metrics = metrics;
        metrics.holdStarted();
    }

    /** Reports the end; later calls do nothing. */
    void end(String result) {
        if (ended.compareAndSet(false, true)) {
            metrics.holdEnded(System.nanoTime() - start, result);
        }
    }
}
