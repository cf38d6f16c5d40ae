package io.unitrouter.cli;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Parameters;

/** Where a command finds the rules: a rule file (the file store) or a data id in Nacos, exactly one. */
final class RulesLocation {

    @Parameters(index = "0", paramLabel = "RULES", description = "The rule file of the file store.")
    Path file;

    @ArgGroup(exclusive = false, heading = "Rules in Nacos instead of RULES:%n")
    NacosOptions nacos;

    /** The rule file. */
    static RulesLocation of(Path file) {
        RulesLocation location = new RulesLocation();
        location.file = file;
        return location;
    }

    /** The data id in Nacos. */
    static RulesLocation of(NacosOptions nacos) {
        RulesLocation location = new RulesLocation();
        location.nacos = nacos;
        return location;
    }

    /** How to name these rules on a command line, for the commands a message suggests. */
    String arguments() {
        return file != null ? file.toString() : String.join(" ", nacos.arguments());
    }
}
