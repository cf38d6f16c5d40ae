package io.unitrouter.benchmarks;

import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The routing context on the wire: what the gateway pays to write {@code X-Unit-Context} for a request (signed
 * and unsigned) and what a cell pays to read and verify it.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar RoutingContextCodecBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class RoutingContextCodecBenchmark {

    private static final String SECRET = "benchmark-secret-0123456789abcdefghij";
    private static final String METHOD = "POST";
    private static final String PATH = "/api/accounts/2088123456789/transfers";

    private final RoutingHeaderCodec signed = RoutingHeaderCodec.signed(SECRET);
    private final RoutingHeaderCodec unsigned = RoutingHeaderCodec.unsigned();
    private final RoutingContext context = new RoutingContext("2088123456789", 37, 12, "rz01", 0);
    private final Map<String, String> signedHeaders = signed.encode(context, METHOD, PATH);

    /** The gateway's side with a secret: the value, the text signed, HMAC-SHA256 and its base64url text. */
    @Benchmark
    public void encodeSigned(Blackhole sink) {
        signed.encode(context, METHOD, PATH, (name, value) -> sink.consume(value));
    }

    /** The gateway's side without a secret. */
    @Benchmark
    public void encodeUnsigned(Blackhole sink) {
        unsigned.encode(context, METHOD, PATH, (name, value) -> sink.consume(value));
    }

    /** A cell's side: parse the value and check its signature and time of issue. */
    @Benchmark
    public Optional<RoutingContext> decodeSigned() {
        return signed.decode(signedHeaders::get, METHOD, PATH);
    }
}
