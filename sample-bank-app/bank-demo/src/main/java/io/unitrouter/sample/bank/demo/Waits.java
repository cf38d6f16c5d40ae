package io.unitrouter.sample.bank.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a deadline, for the driver's own steps. */
final class Waits {

    private Waits() {
    }

    /**
     * Polls {@code condition} until it holds.
     *
     * @param what what is awaited, for the message
     * @throws IllegalStateException if it does not hold within {@code timeout}
     */
    static void until(String what, Duration timeout, Duration poll, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            pause(poll);
        }
    }

    /** Sleeps, keeping the interrupt. */
    static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
