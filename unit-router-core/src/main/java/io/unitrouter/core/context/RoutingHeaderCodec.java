package io.unitrouter.core.context;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes a {@link RoutingContext} to the routing headers of a request and reads it back, optionally signed.
 *
 * <p>The context travels in one header, {@link RoutingHeaders#CONTEXT} ({@code v2}, see {@link CompactContext}
 * and {@code docs/gateway.md} for the format and a test vector). With a secret, {@link #encode(RoutingContext,
 * String, String, BiConsumer)} signs it with HMAC-SHA256 over the request's method and raw path, the context and
 * its time of issue; {@link #decode(Function, String, String)} refuses a context whose signature is missing, does
 * not match, was made for another method or path, or was issued more than {@link #maxSkew()} away from this
 * server's clock. A client that does not know the secret cannot choose its cell, and a captured context cannot be
 * replayed onto another request or kept for later.
 *
 * <p>The six headers of release 0.1 ({@code X-Unit-Key} ... {@code X-Unit-Signature: v1:...}) are still read,
 * for rolling upgrades, unless {@link #acceptingLegacy(boolean) acceptingLegacy(false)}. Their signature binds
 * neither the request nor a time: turn them off once every gateway and cell writes {@code v2}.
 *
 * <p>Secrets can be rotated: verification accepts the current secret and any previous ones given, while
 * signing always uses the current one.
 *
 * <p>Immutable and thread-safe.
 */
public final class RoutingHeaderCodec {

    /** The shortest secret accepted, in bytes (256 bits, the HMAC-SHA256 block strength). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String VERSION = "v1:";

    /** How far a context's time of issue may be from the receiver's clock, by default. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(60);

    private static final RoutingHeaderCodec UNSIGNED = new RoutingHeaderCodec(null, List.of(), Clock.systemUTC(),
            DEFAULT_MAX_SKEW, true);

    /** Writes signatures: URL-safe Base64 without padding. Immutable; made once, not once per request. */
    private static final Base64.Encoder SIGNATURE_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final HmacSha256 signer;
    private final List<HmacSha256> verifiers;
    private final Clock clock;
    private final Duration maxSkew;
    private final boolean acceptLegacy;

    private RoutingHeaderCodec(HmacSha256 signer, List<HmacSha256> verifiers, Clock clock, Duration maxSkew, boolean acceptLegacy) {
        this.signer = signer;
        this.verifiers = verifiers;
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.acceptLegacy = acceptLegacy;
    }

    /**
     * The same codec with another bound on clock skew.
     *
     * @param skew from 1 s to 1 h; default {@link #DEFAULT_MAX_SKEW}
     * @return the codec
     * @throws UnitRouterException if {@code skew} is out of range
     */
    public RoutingHeaderCodec withMaxSkew(Duration skew) {
        if (skew == null || skew.compareTo(Duration.ofSeconds(1)) < 0 || skew.compareTo(Duration.ofHours(1)) > 0) {
            throw new UnitRouterException("routing-context clock skew " + skew + " is out of range; use 1s to 1h");
        }
        return new RoutingHeaderCodec(signer, verifiers, clock, skew, acceptLegacy);
    }

    /** The same codec reading time from {@code clock} (for tests). */
    public RoutingHeaderCodec withClock(Clock clock) {
        return new RoutingHeaderCodec(signer, verifiers, clock, maxSkew, acceptLegacy);
    }

    /**
     * The same codec, reading the headers of release 0.1 or not. Default {@code true}, for rolling upgrades.
     *
     * @param accept whether to read them; when {@code false}, a signing codec refuses them as
     *     {@link Reason#BAD_SIGNATURE}
     * @return the codec
     */
    public RoutingHeaderCodec acceptingLegacy(boolean accept) {
        return new RoutingHeaderCodec(signer, verifiers, clock, maxSkew, accept);
    }

    /** How far a time of issue may be from this server's clock. */
    public Duration maxSkew() {
        return maxSkew;
    }

    /** Whether the headers of release 0.1 are still read. */
    public boolean acceptsLegacy() {
        return acceptLegacy;
    }

    /** A codec that neither signs nor checks signatures. Use only where no client can reach the cells. */
    public static RoutingHeaderCodec unsigned() {
        return UNSIGNED;
    }

    /**
     * A codec that signs with {@code secret} and requires a valid signature on decode.
     *
     * @param secret at least {@value #MIN_SECRET_BYTES} bytes of random data
     * @param previous older secrets still accepted on decode during a rotation
     * @throws UnitRouterException if a secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static RoutingHeaderCodec signed(byte[] secret, byte[]... previous) {
        List<HmacSha256> verifiers = new ArrayList<>();
        HmacSha256 signer = mac(secret, "secret");
        verifiers.add(signer);
        for (int i = 0; i < previous.length; i++) {
            verifiers.add(mac(previous[i], "previous secret #" + (i + 1)));
        }
        return new RoutingHeaderCodec(signer, List.copyOf(verifiers), Clock.systemUTC(), DEFAULT_MAX_SKEW, true);
    }

    /** {@link #signed(byte[], byte[]...)} with the UTF-8 bytes of {@code secret}. */
    public static RoutingHeaderCodec signed(String secret) {
        return signed(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static HmacSha256 mac(byte[] secret, String name) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new UnitRouterException("HMAC " + name + " is " + (secret == null ? 0 : secret.length)
                    + " bytes long; use at least " + MIN_SECRET_BYTES
                    + " bytes of random data (e.g. the output of 'openssl rand -base64 32')");
        }
        return new HmacSha256(secret);
    }

    /** Whether this codec signs and requires signatures. */
    public boolean isSigning() {
        return signer != null;
    }

    /**
     * Writes the context as {@link RoutingHeaders#CONTEXT} for one request, signed when this codec has a secret.
     *
     * @param context the context
     * @param method the request's method, e.g. {@code GET}
     * @param path the request's raw path as it will be sent, without the query, e.g. {@code /accounts/1205}
     * @param setter called once with the header's name and value
     */
    public void encode(RoutingContext context, String method, String path, BiConsumer<String, String> setter) {
        long issuedAt = Math.floorDiv(clock.millis(), 1000L);
        setter.accept(RoutingHeaders.CONTEXT, signer == null ? CompactContext.unsignedValue(context, issuedAt)
                : CompactContext.signedValue(context, issuedAt, method, path, signer, SIGNATURE_TEXT));
    }

    /** {@link #encode(RoutingContext, String, String, BiConsumer)} into a map. */
    public Map<String, String> encode(RoutingContext context, String method, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        encode(context, method, path, headers::put);
        return headers;
    }

    /**
     * Reads the context of one request: from {@link RoutingHeaders#CONTEXT}, or from the headers of release 0.1
     * while {@link #acceptsLegacy()}.
     *
     * @param header looks up one header by name (case-insensitively, as HTTP does); returns {@code null} when
     *     absent
     * @param method the request's method as received
     * @param path the request's raw path as received, without the query
     * @return the context, or empty when no routing header is present at all
     * @throws ContextVerificationException if a value is malformed, both forms are present, or (when signing) the
     *     signature is missing, does not match this request, or was issued outside the allowed skew
     */
    public Optional<RoutingContext> decode(Function<String, String> header, String method, String path) {
        String compact = header.apply(RoutingHeaders.CONTEXT);
        if (compact == null) {
            if (signer != null && !acceptLegacy && hasLegacy(header)) {
                throw new ContextVerificationException(Reason.BAD_SIGNATURE, "routing headers of release 0.1 are no"
                        + " longer accepted here; the sender must write " + RoutingHeaders.CONTEXT);
            }
            return decode(header);
        }
        if (hasLegacy(header)) {
            throw new ContextVerificationException(Reason.MALFORMED, "the request carries both "
                    + RoutingHeaders.CONTEXT + " and the older routing headers; a sender writes one form");
        }
        CompactContext.Parsed parsed = CompactContext.parse(compact);
        if (signer != null) {
            verify(parsed, method, path);
        }
        return Optional.of(parsed.context());
    }

    private static boolean hasLegacy(Function<String, String> header) {
        for (String name : RoutingHeaders.LEGACY) {
            if (header.apply(name) != null) {
                return true;
            }
        }
        return false;
    }

    private void verify(CompactContext.Parsed parsed, String method, String path) {
        if (!parsed.isSigned()) {
            throw new ContextVerificationException(Reason.UNSIGNED, "the routing context is not signed, but this"
                    + " service requires a signature");
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parsed.signature());
        } catch (IllegalArgumentException e) {
            throw new ContextVerificationException(Reason.BAD_SIGNATURE, "routing-context signature "
                    + RoutingKeys.quote(parsed.signature()) + " is not base64url");
        }
        // Runs on every request a cell serves: the signed text is written once as bytes and hashed where it lies,
        // as the signer does; a request outside ASCII takes the UTF-8 string, as the signer's other way does.
        AsciiText ascii = CompactContext.signedBytes(method, path, parsed);
        byte[] signed = ascii != null ? ascii.array()
                : CompactContext.signedText(method, path, parsed.unsignedValue()).getBytes(StandardCharsets.UTF_8);
        int signedLength = ascii != null ? ascii.length() : signed.length;
        boolean matches = false;
        for (HmacSha256 verifier : verifiers) {
            // Every verifier is tried, whatever an earlier one said: how long a refusal takes tells nothing.
            matches |= MessageDigest.isEqual(presented, verifier.sign(signed, 0, signedLength));
        }
        if (!matches) {
            throw new ContextVerificationException(Reason.BAD_SIGNATURE, "the routing context does not match its"
                    + " signature for " + method + " " + RoutingKeys.quote(CompactContext.normalPath(path))
                    + " (forged, altered, signed with another secret, or signed for another request): key "
                    + RoutingKeys.quote(parsed.context().key()) + ", cell " + RoutingKeys.quote(parsed.context().cell()));
        }
        long skew = Math.abs(Math.floorDiv(clock.millis(), 1000L) - parsed.issuedAt());
        if (skew > maxSkew.toSeconds()) {
            throw new ContextVerificationException(Reason.BAD_SIGNATURE, "the routing context was issued at "
                    + parsed.issuedAt() + ", " + skew + " s from this server's clock; at most " + maxSkew.toSeconds()
                    + " s is accepted (a replay, or clocks out of step)");
        }
    }

    /**
     * Writes the context as the six headers of release 0.1, signed with {@code v1}. Kept for one release so that
     * tests and tools can speak to cells not yet upgraded; new code writes
     * {@link #encode(RoutingContext, String, String, BiConsumer)}.
     *
     * @param context the context
     * @param setter called once per header with its name and value
     * @deprecated the {@code v1} signature binds neither the request nor a time; use
     *     {@link #encode(RoutingContext, String, String, BiConsumer)}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public void encode(RoutingContext context, BiConsumer<String, String> setter) {
        if (context.key() != null) {
            setter.accept(RoutingHeaders.KEY, context.key());
        }
        if (context.shard() >= 0) {
            setter.accept(RoutingHeaders.SHARD, Integer.toString(context.shard()));
        }
        if (context.epoch() >= 0) {
            setter.accept(RoutingHeaders.EPOCH, Long.toString(context.epoch()));
        }
        if (context.cell() != null) {
            setter.accept(RoutingHeaders.CELL, context.cell());
        }
        setter.accept(RoutingHeaders.HOPS, Integer.toString(context.hops()));
        if (signer != null) {
            setter.accept(RoutingHeaders.SIGNATURE, VERSION + SIGNATURE_TEXT
                    .encodeToString(signer.sign(legacyCanonical(context).getBytes(StandardCharsets.UTF_8))));
        }
    }

    /**
     * The six headers of release 0.1 as a map, in {@link RoutingHeaders#LEGACY} order.
     *
     * @param context the context
     * @return the headers
     * @deprecated see {@link #encode(RoutingContext, BiConsumer)}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public Map<String, String> encode(RoutingContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        encode(context, headers::put);
        return headers;
    }

    /**
     * Reads a context from the six headers of release 0.1, whatever {@link #acceptsLegacy()} says; the request is
     * not looked at, since their signature does not bind it.
     *
     * @param header looks up one header by name (case-insensitively, as HTTP does); returns {@code null} when
     *     absent
     * @return the context, or empty when none of the six headers is present
     * @throws ContextVerificationException if a value is malformed, or (when signing) the signature is
     *     missing or does not match
     * @deprecated use {@link #decode(Function, String, String)}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public Optional<RoutingContext> decode(Function<String, String> header) {
        String key = header.apply(RoutingHeaders.KEY);
        String shard = header.apply(RoutingHeaders.SHARD);
        String epoch = header.apply(RoutingHeaders.EPOCH);
        String cell = header.apply(RoutingHeaders.CELL);
        String hops = header.apply(RoutingHeaders.HOPS);
        String signature = header.apply(RoutingHeaders.SIGNATURE);
        if (key == null && shard == null && epoch == null && cell == null && hops == null && signature == null) {
            return Optional.empty();
        }
        RoutingContext context;
        try {
            context = new RoutingContext(key, (int) number(RoutingHeaders.SHARD, shard, Integer.MAX_VALUE),
                    number(RoutingHeaders.EPOCH, epoch, Long.MAX_VALUE),
                    cell, hops == null ? 0 : (int) number(RoutingHeaders.HOPS, hops, Integer.MAX_VALUE));
        } catch (MalformedKeyException e) {
            throw new ContextVerificationException(Reason.MALFORMED, "header " + RoutingHeaders.KEY + ": "
                    + e.getMessage());
        } catch (ContextVerificationException e) {
            throw e;
        } catch (UnitRouterException e) {
            throw new ContextVerificationException(Reason.MALFORMED, e.getMessage());
        }
        if (signer != null) {
            verify(context, signature);
        }
        return Optional.of(context);
    }

    private void verify(RoutingContext context, String signature) {
        if (signature == null) {
            throw new ContextVerificationException(Reason.UNSIGNED, "routing headers are not signed, but this"
                    + " service requires " + RoutingHeaders.SIGNATURE);
        }
        byte[] presented;
        try {
            if (!signature.startsWith(VERSION)) {
                throw new IllegalArgumentException("unknown version");
            }
            presented = Base64.getUrlDecoder().decode(signature.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new ContextVerificationException(Reason.BAD_SIGNATURE, "header " + RoutingHeaders.SIGNATURE + " "
                    + RoutingKeys.quote(signature) + " is not of the form v1:<base64url>");
        }
        byte[] canonical = legacyCanonical(context).getBytes(StandardCharsets.UTF_8);
        for (HmacSha256 verifier : verifiers) {
            if (MessageDigest.isEqual(presented, verifier.sign(canonical))) {
                return;
            }
        }
        throw new ContextVerificationException(Reason.BAD_SIGNATURE, "routing headers do not match their signature"
                + " (forged, altered, or signed with another secret): key " + RoutingKeys.quote(context.key())
                + ", cell " + RoutingKeys.quote(context.cell()));
    }

    private static long number(String name, String value, long max) {
        if (value == null) {
            return -1;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0 || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ContextVerificationException(Reason.MALFORMED, "header " + name + ": "
                    + RoutingKeys.quote(value) + " is not a whole number in 0.." + max);
        }
    }

    private static String legacyCanonical(RoutingContext context) {
        return "v1\n" + (context.key() == null ? "" : context.key()) + '\n' + context.shard() + '\n'
                + context.epoch() + '\n' + (context.cell() == null ? "" : context.cell()) + '\n' + context.hops();
    }

    @Override
    public String toString() {
        return signer == null ? "RoutingHeaderCodec[unsigned]"
                : "RoutingHeaderCodec[signed, " + verifiers.size() + " verification secret(s)]";
    }
}
