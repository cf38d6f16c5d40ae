package io.unitrouter.gateway.it;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import java.net.URI;

/** What a cell learns from a request the gateway forwarded: its routing context, verified as a cell would. */
final class Arrived {

    private static final RoutingHeaderCodec CELLS = RoutingHeaderCodec.signed(GatewayIntegrationTest.SECRET)
            .acceptingLegacy(false);

    private Arrived() {
    }

    /**
     * The verified routing context of a request that reached a cell.
     *
     * @throws java.util.NoSuchElementException if it carries none
     */
    static RoutingContext context(LoggedRequest request) {
        return CELLS.decode(request::getHeader, request.getMethod().getName(),
                URI.create(request.getUrl()).getRawPath()).orElseThrow();
    }
}
