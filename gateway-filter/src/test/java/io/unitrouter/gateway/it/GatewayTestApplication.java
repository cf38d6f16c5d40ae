package io.unitrouter.gateway.it;

import io.unitrouter.core.key.KeyExtractor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Cloud Gateway application with unit-router, as a business would write it. */
@SpringBootApplication
public class GatewayTestApplication {

    /** A custom key source: the account number header without its {@code acct-} prefix. */
    @Bean
    KeyExtractor accountKey() {
        return request -> {
            String account = request.header("X-Account-No");
            return account != null && account.startsWith("acct-") ? account.substring("acct-".length()) : null;
        };
    }
}
