package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class NacosClientThreadsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicBoolean debug = new AtomicBoolean();
    private final NacosClientThreads handler = new NacosClientThreads(new PrintStream(err, true,
            StandardCharsets.UTF_8), debug::get);

    /** Regression: the client's gRPC executor printed a stack trace after the command's one-line error. */
    @Test
    void aNacosClientThreadDyingDuringShutdownPrintsNothing() {
        handler.uncaughtException(new Thread("nacos-grpc-client-executor-127.0.0.1-3"),
                new RejectedExecutionException("rejected from ThreadPoolExecutor[Shutting down]"));
        handler.uncaughtException(new Thread("com.alibaba.nacos.client.remote.worker"),
                new IllegalStateException("closed"));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anyOtherThreadsFailureIsPrintedAsTheJvmWould() {
        handler.uncaughtException(new Thread("worker-1"), new IllegalStateException("boom"));

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Exception in thread \"worker-1\" "
                + "java.lang.IllegalStateException: boom").contains("\tat ");
    }

    /** A hidden failure must still be findable: {@code --debug} shows the client's threads too. */
    @Test
    void withDebugANacosClientThreadsFailureIsPrinted() {
        debug.set(true);

        handler.uncaughtException(new Thread("nacos-grpc-client-executor-127.0.0.1-3"),
                new RejectedExecutionException("rejected"));

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Exception in thread "
                + "\"nacos-grpc-client-executor-127.0.0.1-3\" java.util.concurrent.RejectedExecutionException: rejected");
    }
}
