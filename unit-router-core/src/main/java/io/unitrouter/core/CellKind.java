package io.unitrouter.core;

/** What a cell holds. */
public enum CellKind {
    /** Owns user shards: the requests of its users are served here and nowhere else. */
    RZONE,
    /** Holds global (not per-user) data. Exactly one GZone is the active writer; another city keeps a standby. */
    GZONE,
    /** A per-city read copy of global data, for reads that must stay inside the city. */
    CZONE
}
