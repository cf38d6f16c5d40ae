package io.unitrouter.boot.it;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import java.net.URI;

/** What a downstream cell learns from a call it received: the routing context, verified as a cell would. */
public final class Received {

    private Received() {
    }

    /**
     * The verified routing context of a received call.
     *
     * @param request the call as WireMock logged it
     * @param secret the shared secret
     * @throws java.util.NoSuchElementException if it carries none
     */
    public static RoutingContext context(LoggedRequest request, String secret) {
        return RoutingHeaderCodec.signed(secret).acceptingLegacy(false).decode(request::getHeader,
                request.getMethod().getName(), URI.create(request.getUrl()).getRawPath()).orElseThrow();
    }
}
