package io.unitrouter.spring.autoconfigure;

/** What a cell does with a request that another cell must serve. */
public enum ProtectionMode {
    /** Answer {@code 421 Misdirected Request} with the owner in {@code X-Unit-Cell}. */
    REJECT,
    /** Forward the request once to the owner cell; the hop count stops loops. */
    FORWARD,
    /** Serve it anyway, but log and count it. For migrations only: it gives up the guarantee. */
    OBSERVE
}
