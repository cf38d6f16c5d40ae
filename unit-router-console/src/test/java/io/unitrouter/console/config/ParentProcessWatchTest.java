package io.unitrouter.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.UnitRouterException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParentProcessWatchTest {

    private Process parent;

    @AfterEach
    void stopParent() {
        if (parent != null) {
            parent.destroyForcibly();
        }
    }

    /** A process that runs until it is killed: a JVM reading its standard input, which nobody writes. */
    private Process startParent() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        parent = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx16m", "-cp",
                System.getProperty("java.class.path"), ParentStandIn.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return parent;
    }

    @Test
    void consoleLeftRunningAfterItsStarterWasKilledNowStops() throws IOException {
        AtomicInteger exits = new AtomicInteger();
        Process starter = startParent();
        ParentProcessWatch watch = new ParentProcessWatch(starter.pid(), exits::incrementAndGet);

        watch.start();
        assertThat(exits).hasValue(0);
        starter.destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(exits).hasValue(1));
    }

    @Test
    void aStarterThatIsAlreadyGoneStopsTheConsoleAtOnce() throws Exception {
        Process starter = startParent();
        long pid = starter.pid();
        starter.destroyForcibly().waitFor();
        AtomicInteger exits = new AtomicInteger();

        new ParentProcessWatch(pid, exits::incrementAndGet).start();

        assertThat(exits).hasValue(1);
    }

    @Test
    void aValueThatIsNoProcessIdIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new ParentProcessWatch(-3, () -> { }))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("unit-router.console.exit-with-process").hasMessageContaining("-3");
    }

    @Test
    void watchingTheConsolesOwnProcessIsRefusedNamingThePid() {
        long own = ProcessHandle.current().pid();

        assertThatThrownBy(() -> new ParentProcessWatch(own, () -> { }))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("unit-router.console.exit-with-process").hasMessageContaining(Long.toString(own))
                .hasMessageContaining("own process");
    }

    /** The stand-in for the script that starts the console. */
    static final class ParentStandIn {

        public static void main(String[] args) throws IOException {
            System.in.read();
        }
    }
}
