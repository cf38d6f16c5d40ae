package io.unitrouter.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * What becomes of an exception that escapes a thread: the Nacos client's own threads are logged at
 * {@code DEBUG} unless the operator asked for {@code --debug}; every other thread's, and with {@code --debug}
 * every thread's, is printed as the JVM would.
 *
 * <p>Why: when the CLI shuts the Nacos client down right after a command, the client's gRPC executor can be
 * shutting down while one of its tasks still hands work to it, and that task dies with a
 * {@code RejectedExecutionException}. It is the client's internal shutdown race and changes nothing the
 * command did or reported, but printed as "Exception in thread ..." after the command's own answer it reads
 * as a failure. The client names its threads {@code nacos-...} or {@code com.alibaba.nacos...}.
 */
final class NacosClientThreads implements Thread.UncaughtExceptionHandler {

    private static final System.Logger LOG = System.getLogger(NacosClientThreads.class.getName());

    private final PrintStream err;
    private final BooleanSupplier debug;

    /**
     * @param err where failures are printed
     * @param debug whether the operator gave {@code --debug}; asked at each failure, since the command line is
     *     parsed after the handler is installed
     */
    NacosClientThreads(PrintStream err, BooleanSupplier debug) {
        this.err = err;
        this.debug = debug;
    }

    /** Installs the handler for every thread of this JVM that has none of its own. */
    static void install(BooleanSupplier debug) {
        Thread.setDefaultUncaughtExceptionHandler(new NacosClientThreads(System.err, debug));
    }

    /** Whether a thread belongs to the Nacos client, by the names it gives its threads. */
    static boolean isNacosClientThread(Thread thread) {
        String name = thread.getName().toLowerCase(Locale.ROOT);
        return name.startsWith("nacos") || name.startsWith("com.alibaba.nacos");
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (isNacosClientThread(thread) && !debug.getAsBoolean()) {
            LOG.log(System.Logger.Level.DEBUG, "the Nacos client's thread " + thread.getName() + " ended with "
                    + failure, failure);
            return;
        }
        err.print("Exception in thread \"" + thread.getName() + "\" ");
        failure.printStackTrace(err);
    }
}
