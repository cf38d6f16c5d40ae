package io.unitrouter.core.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The raw, unvalidated content of a rule document, as read from YAML or set through the builder.
 * Values stay as written (strings for kinds and shard ranges) so that the validator can name the entry
 * and the bad value, and one bad field does not hide the rest of its entry.
 */
final class RuleDraft {

    record CityDraft(String id, List<String> dataCenters, List<String> failoverTo) {
    }

    record CellDraft(String id, String kind, String dataCenter, Integer capacity, String standby) {
    }

    record RouteDraft(String shards, String cell) {
    }

    record OverrideDraft(List<String> keys, String shards, String cell) {
    }

    String source = "<builder>";
    Long epoch;
    Integer shards;
    ShardFunctionSpec shardFunction;
    String activeGZone;
    final List<CityDraft> cities = new ArrayList<>();
    final List<CellDraft> cells = new ArrayList<>();
    final List<RouteDraft> routing = new ArrayList<>();
    final List<String> frozen = new ArrayList<>();
    final List<OverrideDraft> overrides = new ArrayList<>();
    final List<RouteDraft> homes = new ArrayList<>();
    final List<String> offline = new ArrayList<>();
    /** Problems found while reading (wrong types, unknown fields); reported together with validation errors. */
    final List<String> readErrors = new ArrayList<>();
    /** Set when the text could not be read as a mapping at all; validating the empty draft would only add noise. */
    boolean unreadable;

    RuleDraft copy() {
        RuleDraft copy = new RuleDraft();
        copy.source = source;
        copy.epoch = epoch;
        copy.shards = shards;
        copy.shardFunction = shardFunction;
        copy.activeGZone = activeGZone;
        copy.cities.addAll(cities);
        copy.cells.addAll(cells);
        copy.routing.addAll(routing);
        copy.frozen.addAll(frozen);
        copy.overrides.addAll(overrides);
        copy.homes.addAll(homes);
        copy.offline.addAll(offline);
        return copy;
    }
}
