package io.unitrouter.gateway;

/**
 * What the gateway does with a request whose incoming routing headers ({@code X-Unit-*}) fail signature
 * verification, when a secret is configured. Incoming routing headers are removed in every case; the gateway
 * never routes by them.
 */
public enum ForgedHeaderPolicy {
    /** Remove them and route the request by its key, as if they had not been sent. */
    STRIP,
    /** Answer {@code 400 Bad Request} with a problem detail. */
    REJECT
}
