package io.unitrouter.cli;

import io.unitrouter.cli.AppActiveRuleSet.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the operator must do besides filling in placeholders, because AppActive and unit-router differ: the
 * center unit that also owns ids, id sources that read more than their unit-router counterparts, databases
 * AppActive guards, and the machine's own unit.
 */
final class MigrationNotes {

    private MigrationNotes() {
    }

    static List<String> of(AppActiveRuleSet rules, ImportedRules imported) {
        List<String> notes = new ArrayList<>();
        Optional<Unit> center = rules.center();
        String centerRZone = imported.rZoneOf(AppActiveRuleSet.CENTER);
        if (center.isEmpty()) {
            notes.add("no unit is named center, so the document has no GZONE cell: declare one if your services"
                    + " keep global data (AppActive's center services)");
        } else if (centerRZone != null) {
            notes.add("unit " + AppActiveRuleSet.CENTER + " runs AppActive's center services and also owns ids; a"
                    + " GZone owns no shards, so cell " + centerRZone + " owns them: run the center's unit services"
                    + " as cell " + centerRZone + " and its center services as cell " + AppActiveRuleSet.CENTER
                    + " (both may stay in its data center)");
        }
        String tokenKey = rules.idSource().tokenKey();
        if (rules.idSource().sources().contains("arg")) {
            notes.add("AppActive's 'arg' reads any request parameter, form bodies included; query:" + tokenKey
                    + " reads the query string only");
        }
        if (rules.idSource().sources().contains("cookie")) {
            notes.add("AppActive matches the cookie name " + tokenKey + " in any case; cookie:" + tokenKey
                    + " matches it exactly");
        }
        if (!rules.dataScopes().isEmpty()) {
            notes.add("AppActive guards writes to the databases of its data-scope files (" + String.join(", ",
                    rules.dataScopes()) + "); in unit-router, data-sharding's write guard does (docs/data-sharding.md)");
        }
        rules.machineUnit().ifPresent(unit -> notes.add(machine(unit, rules, imported)));
        return notes;
    }

    private static String machine(String unit, AppActiveRuleSet rules, ImportedRules imported) {
        String prefix = AppActiveReader.MACHINE + " puts this machine in unit " + unit + ": ";
        if (rules.units().stream().noneMatch(u -> u.flag().equals(unit))) {
            return prefix + "a unit " + AppActiveReader.MAPPING + " does not define";
        }
        String rZone = imported.rZoneOf(unit);
        if (unit.equals(AppActiveRuleSet.CENTER)) {
            return prefix + "set unit-router.local-cell: " + AppActiveRuleSet.CENTER + " for its center services"
                    + (rZone == null ? "" : " and " + rZone + " for its unit services");
        }
        return prefix + "set unit-router.local-cell: " + rZone;
    }
}
