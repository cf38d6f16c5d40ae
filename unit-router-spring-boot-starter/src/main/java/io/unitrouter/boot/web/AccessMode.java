package io.unitrouter.boot.web;

import io.unitrouter.core.Access;

/**
 * The access an endpoint declares in its scope annotation. The decision itself is core's
 * {@link io.unitrouter.core.request.AccessMode}, which the gateway uses too.
 */
public enum AccessMode {
    /** From the HTTP method: GET, HEAD, OPTIONS and TRACE read; everything else writes. */
    AUTO(io.unitrouter.core.request.AccessMode.AUTO),
    /** The endpoint only reads, whatever its method (e.g. a POST search). */
    READ(io.unitrouter.core.request.AccessMode.READ),
    /** The endpoint writes. */
    WRITE(io.unitrouter.core.request.AccessMode.WRITE);

    /** Core's decision, held rather than looked up by name on every request. */
    private final io.unitrouter.core.request.AccessMode decision;

    AccessMode(io.unitrouter.core.request.AccessMode decision) {
        this.decision = decision;
    }

    /**
     * The access for a request with this HTTP method.
     *
     * @param httpMethod e.g. {@code GET}
     * @return the access
     */
    public Access resolve(String httpMethod) {
        return decision.resolve(httpMethod);
    }

    /** GET, HEAD, OPTIONS and TRACE read; every other method writes. */
    public static Access ofMethod(String httpMethod) {
        return io.unitrouter.core.request.AccessMode.ofMethod(httpMethod);
    }
}
