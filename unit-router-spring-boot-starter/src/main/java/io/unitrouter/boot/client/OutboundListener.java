package io.unitrouter.boot.client;

import io.unitrouter.core.RouteDecision;

/** Hears the decision of every routed outgoing call; metrics use it. Must be thread-safe and quick. */
@FunctionalInterface
public interface OutboundListener {

    /**
     * @param decision where the call goes
     */
    void onCall(RouteDecision decision);
}
