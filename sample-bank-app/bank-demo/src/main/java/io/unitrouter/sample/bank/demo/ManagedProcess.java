package io.unitrouter.sample.bank.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process the driver starts with {@code java -jar}: a cell, the gateway or the console. It listens on a
 * fixed loopback port, so that it can be restarted at the same address, and logs to its own file.
 */
final class ManagedProcess {

    /**
     * The JVM options of every process: C1 only and small heaps start a dozen Spring Boot processes on two cores
     * in well under a minute; the parent pid lets a process end itself when the driver is killed.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m", "-Xshare:auto", "-Dbank.parent-pid=" + ProcessHandle.current().pid());

    /** Class data sharing: use the jar's archive if there is one, or write it when this process exits. */
    enum Cds {
        /** Use the archive when it exists. */
        USE,
        /** Use it, or write it at exit when there is none yet (one process per jar, so that they do not race). */
        TRAIN,
        /** Neither. */
        NONE
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final String cell;
    private final int port;
    private final List<String> command;
    private final Path log;
    private final String readyPath;
    private boolean training;
    private Process process;
    private long startedAt;

    /**
     * A process, not started yet.
     *
     * @param cds what to do with the jar's class data sharing archive
     */
    ManagedProcess(String name, String cell, int port, Path jar, String heap, List<String> args, Path log,
            String readyPath, Cds cds) {
        this.name = name;
        this.cell = cell;
        this.port = port;
        this.log = log;
        this.readyPath = readyPath;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-Xmx" + heap);
        Path archive = Executables.cdsArchive(jar);
        if (cds != Cds.NONE && java.nio.file.Files.isRegularFile(archive)) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
        } else if (cds == Cds.TRAIN) {
            cmd.add("-XX:ArchiveClassesAtExit=" + archive);
            cmd.add("-Xlog:cds=off");
            training = true;
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    /** The cell it runs, or empty for the gateway and the console. */
    String cell() {
        return cell;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** Starts the process, appending to its log. */
    synchronized void start() {
        if (alive()) {
            return;
        }
        try {
            startedAt = System.nanoTime();
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether it answers HTTP on its ready path with a 2xx or 4xx (a gateway with no route answers 404). */
    boolean ready() {
        return ready(Duration.ofSeconds(2));
    }

    /** Whether it answers within {@code timeout}, as {@link #ready()}. */
    boolean ready(Duration timeout) {
        if (!alive()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + readyPath))
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Seconds since the last start. */
    double secondsSinceStart() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    /** Kills it the hard way (SIGKILL), as a power cut would: no shutdown hook runs. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, 10);
        }
    }

    /**
     * Stops it politely, then forcibly if it does not go within 20 seconds, or 90 for a process writing the class
     * data sharing archive at exit (which takes a while on a busy machine).
     */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, training ? 90 : 20)) {
                process.destroyForcibly();
                waitFor(process, 5);
            }
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
