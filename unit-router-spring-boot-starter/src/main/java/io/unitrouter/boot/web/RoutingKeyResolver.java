package io.unitrouter.boot.web;

import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.FoundKey;
import io.unitrouter.core.key.KeyChain;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.key.RequestView;
import io.unitrouter.core.request.KeyAgreement;
import java.util.Map;
import java.util.function.Function;

/**
 * Rebuilds the routing context of an inbound request from the routing headers (verified when a secret is set)
 * and the request's own key as the configured {@link KeyChain} finds it. When both are present they must name
 * the same key ({@link KeyAgreement}): a context signed for one user never serves another user's path.
 *
 * <p>Thread-safe.
 */
public final class RoutingKeyResolver {

    private final RoutingHeaderCodec codec;
    private final KeyChain keys;
    private final String description;

    /**
     * @param codec reads and verifies routing headers
     * @param extractor finds the key in the request; a {@link KeyChain} names its sources in refusals
     * @param description the key sources, for messages, e.g. {@code [header:X-User-Id]}
     */
    public RoutingKeyResolver(RoutingHeaderCodec codec, KeyExtractor extractor, String description) {
        this.codec = codec;
        this.keys = extractor instanceof KeyChain chain ? chain : KeyChain.of(Map.of(description, extractor));
        this.description = description;
    }

    /** The key sources, for messages. */
    public String description() {
        return description;
    }

    /**
     * Resolves the context of a request: reads (and, with a secret, verifies) its routing headers, then asks the
     * key sources.
     *
     * @param headers looks up a request header by name, case-insensitively
     * @param request the request, for key extraction
     * @return the context and any problem found
     */
    public Resolution resolve(Function<String, String> headers, RequestView request) {
        RoutingContext received;
        try {
            received = codec.decode(headers, request.method(), request.path()).orElse(null);
        } catch (ContextVerificationException e) {
            return new Resolution(null, e, null, null);
        }
        return resolveKey(received, request);
    }

    /**
     * Resolves a request again once more of it is known, such as its path variables after handler mapping,
     * without reading its routing headers again: the context {@code earlier} read and verified is checked against
     * the key sources as they answer now, with the same rules as {@link #resolve}. So a request's signature is
     * verified once, however often its key is looked for, and the sources that read only the request as it
     * arrived (headers, cookies, query, path segments, JWT claims) are asked once too: their answer is
     * {@code earlier}'s.
     *
     * @param earlier what {@link #resolve} found for this same request
     * @param request the request, for key extraction
     * @return the context and any problem found; {@code earlier} itself when its routing headers were refused
     */
    public Resolution rekey(Resolution earlier, RequestView request) {
        if (earlier.problem() instanceof ContextVerificationException) {
            return earlier;
        }
        if (earlier.problem() != null) {
            // The key's sources refused the request: rare, so they are all asked again, as the first time.
            return resolveKey(earlier.received(), request);
        }
        return withOwnKey(earlier.received(), request, earlier.fixedKey());
    }

    /** Adds the request's own key to {@code received}, asking every source. */
    private Resolution resolveKey(RoutingContext received, RequestView request) {
        try {
            return withOwnKey(received, request, keys.findFixed(request));
        } catch (UnitRouterException e) {
            return new Resolution(received, e, received, null);
        }
    }

    /** Adds the request's own key to {@code received}, given the fixed sources' answer {@code fixed}. */
    private Resolution withOwnKey(RoutingContext received, RequestView request, FoundKey fixed) {
        String key;
        try {
            FoundKey own = keys.findRest(request, fixed);
            key = own == null ? null : RoutingKeys.check(own.key());
            if (received != null && received.hasKey()) {
                KeyAgreement.require(received.key(), own);
                return new Resolution(received, null, received, fixed);
            }
        } catch (UnitRouterException e) {
            return new Resolution(received, e, received, fixed);
        }
        if (key == null) {
            return new Resolution(received, null, received, fixed);
        }
        RoutingContext withKey = received == null ? RoutingContext.ofKey(key)
                : new RoutingContext(key, -1, received.epoch(), received.cell(), received.hops());
        return new Resolution(withKey, null, received, fixed);
    }

    /**
     * The outcome of {@link #resolve} or {@link #rekey}.
     *
     * @param context the context, or {@code null} when the request carries none
     * @param problem why the headers or key cannot be used, or {@code null}
     * @param received the context as read from the routing headers (verified when a secret is set), before the
     *     request's own key was added; {@code null} when they carried none or were refused. {@link #rekey} starts
     *     from it.
     * @param fixedKey what the key sources that read only the request as it arrived found
     *     ({@link KeyChain#findFixed}); {@code null} when they found none or were not asked. {@link #rekey} asks
     *     only the other sources again.
     */
    public record Resolution(RoutingContext context, UnitRouterException problem, RoutingContext received,
            FoundKey fixedKey) {
    }
}
