package io.unitrouter.spring.loadbalancer;

/** Where a read goes when its target cell has no available instance. Writes never fall back. */
public enum ReadFallback {
    /** Nowhere: the call fails, as a write would. */
    NONE,
    /** To instances of other cells in the target cell's city. */
    SAME_CITY,
    /** To any instance of the service. */
    ANY
}
