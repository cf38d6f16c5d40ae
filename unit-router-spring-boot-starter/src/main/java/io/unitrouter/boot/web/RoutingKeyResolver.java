package io.unitrouter.boot.web;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.key.RequestView;
import java.util.function.Function;

/**
 * Rebuilds the routing context of an inbound request: from the routing headers (verified when a secret is
 * set), else from the request's routing key as the configured {@link KeyExtractor} finds it.
 *
 * <p>Thread-safe.
 */
public final class RoutingKeyResolver {

    private final RoutingHeaderCodec codec;
    private final KeyExtractor extractor;
    private final String description;

    /**
     * @param codec reads and verifies routing headers
     * @param extractor finds the key in the request
     * @param description the key sources, for messages, e.g. {@code [header:X-User-Id]}
     */
    public RoutingKeyResolver(RoutingHeaderCodec codec, KeyExtractor extractor, String description) {
        this.codec = codec;
        this.extractor = extractor;
        this.description = description;
    }

    /** The key sources, for messages. */
    public String description() {
        return description;
    }

    /**
     * Resolves the context of a request.
     *
     * @param headers looks up a request header by name, case-insensitively
     * @param request the request, for key extraction
     * @return the context and any problem found
     */
    public Resolution resolve(Function<String, String> headers, RequestView request) {
        RoutingContext context;
        try {
            context = codec.decode(headers).orElse(null);
        } catch (ContextVerificationException e) {
            return new Resolution(null, e);
        }
        if (context != null && context.hasKey()) {
            return new Resolution(context, null);
        }
        String key = extractor.extract(request);
        if (key == null) {
            return new Resolution(context, null);
        }
        try {
            RoutingKeys.check(key);
        } catch (MalformedKeyException e) {
            return new Resolution(context, e);
        }
        RoutingContext withKey = context == null ? RoutingContext.ofKey(key)
                : new RoutingContext(key, -1, context.epoch(), context.cell(), context.hops());
        return new Resolution(withKey, null);
    }

    /**
     * The outcome of {@link #resolve}.
     *
     * @param context the context, or {@code null} when the request carries none
     * @param problem why the headers or key cannot be used, or {@code null}
     */
    public record Resolution(RoutingContext context, UnitRouterException problem) {
    }
}
