package io.unitrouter.console;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The operator console: {@code java -jar unit-router-console.jar --rules=/etc/unit-router/rules.yaml --port=8090},
 * or {@code java -jar unit-router-console.jar hash-password} to hash an operator's password for the configuration.
 *
 * <p>The starter is on the classpath only for its Nacos rule store; its routing auto-configuration is excluded,
 * because the console is not a cell: it must not build a router, filter its own requests, or report an applied
 * epoch that the coordinator's barriers would wait for.
 */
@SpringBootApplication(excludeName = {
    "io.unitrouter.boot.autoconfigure.UnitRouterAutoConfiguration",
    "io.unitrouter.boot.autoconfigure.UnitRouterServletAutoConfiguration",
    "io.unitrouter.boot.autoconfigure.UnitRouterWebFluxAutoConfiguration",
    "io.unitrouter.boot.autoconfigure.UnitRouterClientAutoConfiguration",
    "io.unitrouter.boot.autoconfigure.UnitRouterLoadBalancerAutoConfiguration",
    "io.unitrouter.boot.autoconfigure.UnitRouterCircuitBreakerAutoConfiguration",
    "io.unitrouter.boot.autoconfigure.UnitRouterContextPropagationAutoConfiguration",
    "io.unitrouter.boot.autoconfigure.UnitRouterObservabilityAutoConfiguration"})
public class ConsoleApplication {

    /**
     * Starts the console, or runs {@code hash-password}.
     *
     * @param args Spring Boot arguments ({@code --rules=PATH}, {@code --port=N}, any {@code --property=value}), or
     *     {@code hash-password}
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(PasswordHashCommand.NAME)) {
            System.exit(new PasswordHashCommand(System.console(), System.in, System.out, System.err)
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
