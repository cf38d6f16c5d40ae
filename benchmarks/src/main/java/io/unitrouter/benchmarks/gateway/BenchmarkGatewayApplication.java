package io.unitrouter.benchmarks.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The gateway under load in {@link GatewayLoadBenchmark}: a plain Spring Cloud Gateway application with
 * gateway-filter on the classpath, as a business would run it. Routes and cells come from the command line.
 * Metrics go to an in-memory registry, so that the gateway's counters cost what they cost in production.
 */
@SpringBootApplication
public class BenchmarkGatewayApplication {

    /** Starts the gateway. */
    public static void main(String[] args) {
        SpringApplication.run(BenchmarkGatewayApplication.class, args);
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
