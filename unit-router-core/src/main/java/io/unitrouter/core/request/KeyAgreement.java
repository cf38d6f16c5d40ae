package io.unitrouter.core.request;

import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.key.FoundKey;
import java.util.Map;

/**
 * At a cell, the key a routing context carries and the key the request itself names must be the same: a context
 * signed for user 1025 must not serve {@code /accounts/1005}.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyAgreement {

    private KeyAgreement() {
    }

    /**
     * Checks that the carried key and the request's own key agree.
     *
     * @param carried the key of the routing context, or {@code null}
     * @param own the key the request's sources find, or {@code null}
     * @throws RefusedRequestException {@link Refusal#KEY_MISMATCH} when both are present and differ
     */
    public static void require(String carried, FoundKey own) {
        if (carried != null && own != null && !carried.equals(own.key())) {
            throw new RefusedRequestException(Refusal.KEY_MISMATCH, "the routing context is for key "
                    + RoutingKeys.quote(carried) + ", but " + own.source() + " gives " + RoutingKeys.quote(own.key()),
                    Map.of("source", own.source()));
        }
    }
}
