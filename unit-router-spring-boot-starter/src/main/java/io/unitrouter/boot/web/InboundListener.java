package io.unitrouter.boot.web;

/**
 * Hears the verdict on every inbound request; metrics use it. Implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface InboundListener {

    /**
     * @param verdict what was decided
     */
    void onVerdict(Verdict verdict);
}
