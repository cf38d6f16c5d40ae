package io.unitrouter.console;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The operator console: {@code java -jar unit-router-console.jar --rules=/etc/unit-router/rules.yaml --port=8090},
 * or {@code java -jar unit-router-console.jar hash-password} to hash an operator's password for the configuration.
 *
 * <p>unit-router's shared Spring Boot wiring is on the classpath only for its rule stores (file, Nacos), its
 * properties and its failover metrics; its router, load balancer and endpoint are excluded, because the console is
 * not a cell: it must not build a router or report an applied epoch that the coordinator's barriers would wait for.
 */
@SpringBootApplication(excludeName = {
    "io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration",
    "io.unitrouter.spring.autoconfigure.UnitRouterLoadBalancerAutoConfiguration",
    "io.unitrouter.spring.autoconfigure.UnitRouterObservabilityAutoConfiguration"})
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
