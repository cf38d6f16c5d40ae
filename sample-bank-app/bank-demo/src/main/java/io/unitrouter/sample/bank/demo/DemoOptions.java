package io.unitrouter.sample.bank.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the demo runs.
 *
 * @param quick the short run (about two minutes) rather than the full one
 * @param database {@code h2} (an H2 server inside the driver) or {@code mariadb} (127.0.0.1:3306, root)
 * @param steady how long the load runs between two failovers
 * @param clients client threads sending transfers through the gateway
 * @param workDir where the run keeps its rule file, journal, logs, H2 files and reports
 * @param home the repository's root, where the executables are found
 * @param switchbackAtEnd whether a last switchback brings the lost city back
 * @param globalZones whether the GZones and CZones run as processes too; without them (a shorter test) only
 *     the RZones and the gateway run, and the health monitor takes a global cell to be up while the processes
 *     of its data center are
 */
public record DemoOptions(boolean quick, String database, Duration steady, int clients, Path workDir, Path home,
        boolean switchbackAtEnd, boolean globalZones) {

    static final String USAGE = """
            usage: java -jar sample-bank-app/bank-demo/target/bank-demo.jar [--quick] [--db h2|mariadb]
                       [--clients N] [--steady SECONDS] [--dir DIRECTORY] [--home REPOSITORY]
              --quick      the short run, about two minutes (default: the full run, about six minutes)
              --db         h2 (default: an H2 server inside the driver) or mariadb (127.0.0.1:3306, user root)
              --clients    client threads sending transfers (default 4)
              --steady     seconds of load between two failovers (default 10 quick, 45 full)
              --dir        where logs, rules, databases and reports go (default target/bank-demo-<time>)
              --home       the repository root holding sample-bank-app/*/target (default: found from here)""";

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static DemoOptions parse(List<String> args) {
        boolean quick = false;
        String database = "h2";
        Integer steady = null;
        int clients = 4;
        Path dir = null;
        Path home = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--db" -> database = value(args, ++i, arg);
                case "--clients" -> clients = number(value(args, ++i, arg), arg, 1, 64);
                case "--steady" -> steady = number(value(args, ++i, arg), arg, 1, 3600);
                case "--dir" -> dir = Path.of(value(args, ++i, arg));
                case "--home" -> home = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (!database.equals("h2") && !database.equals("mariadb")) {
            throw new IllegalArgumentException("--db must be h2 or mariadb, was '" + database + "'");
        }
        Duration steadyTime = Duration.ofSeconds(steady != null ? steady : quick ? 10 : 45);
        Path workDir = dir != null ? dir : Path.of("target", "bank-demo-" + System.currentTimeMillis());
        return new DemoOptions(quick, database, steadyTime, clients, workDir.toAbsolutePath(),
                home != null ? home.toAbsolutePath() : Executables.findHome(), !quick, true);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String value, String option, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'", e);
        }
    }
}
