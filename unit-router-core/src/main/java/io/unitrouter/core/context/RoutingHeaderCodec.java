package io.unitrouter.core.context;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a {@link RoutingContext} to {@link RoutingHeaders} and reads it back, optionally signed.
 *
 * <p>With a secret, {@link #encode} adds {@code X-Unit-Signature: v1:<base64url HMAC-SHA256>} over the key,
 * shard, epoch, cell and hops, and {@link #decode} refuses headers whose signature is missing or does not
 * match: a client that does not know the secret cannot choose its cell. The signature does not stop a
 * replay of a complete, genuine header set; keep the secret inside the trust boundary (gateway and cells)
 * and strip incoming {@code X-Unit-*} headers at the edge.
 *
 * <p>Secrets can be rotated: verification accepts the current secret and any previous ones given, while
 * signing always uses the current one.
 *
 * <p>Immutable and thread-safe.
 */
public final class RoutingHeaderCodec {

    /** The shortest secret accepted, in bytes (256 bits, the HMAC-SHA256 block strength). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v1:";

    private static final RoutingHeaderCodec UNSIGNED = new RoutingHeaderCodec(null, List.of());

    private final Mac signer;
    private final List<Mac> verifiers;

    private RoutingHeaderCodec(Mac signer, List<Mac> verifiers) {
        this.signer = signer;
        this.verifiers = verifiers;
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
        List<Mac> verifiers = new ArrayList<>();
        Mac signer = mac(secret, "secret");
        verifiers.add(signer);
        for (int i = 0; i < previous.length; i++) {
            verifiers.add(mac(previous[i], "previous secret #" + (i + 1)));
        }
        return new RoutingHeaderCodec(signer, List.copyOf(verifiers));
    }

    /** {@link #signed(byte[], byte[]...)} with the UTF-8 bytes of {@code secret}. */
    public static RoutingHeaderCodec signed(String secret) {
        return signed(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] secret, String name) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new UnitRouterException("HMAC " + name + " is " + (secret == null ? 0 : secret.length)
                    + " bytes long; use at least " + MIN_SECRET_BYTES
                    + " bytes of random data (e.g. the output of 'openssl rand -base64 32')");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        }
    }

    /** Whether this codec signs and requires signatures. */
    public boolean isSigning() {
        return signer != null;
    }

    /**
     * Writes the context's headers. Absent fields are not written.
     *
     * @param context the context
     * @param setter called once per header with its name and value
     */
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
            setter.accept(RoutingHeaders.SIGNATURE, VERSION + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(sign(signer, context)));
        }
    }

    /** The context's headers as a map, in {@link RoutingHeaders#ALL} order. */
    public Map<String, String> encode(RoutingContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        encode(context, headers::put);
        return headers;
    }

    /**
     * Reads a context from headers.
     *
     * @param header looks up one header by name (case-insensitively, as HTTP does); returns {@code null} when
     *     absent
     * @return the context, or empty when no routing header is present at all
     * @throws ContextVerificationException if a value is malformed, or (when signing) the signature is
     *     missing or does not match
     */
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
        for (Mac verifier : verifiers) {
            if (MessageDigest.isEqual(presented, sign(verifier, context))) {
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

    private static byte[] sign(Mac prototype, RoutingContext context) {
        String canonical = "v1\n" + (context.key() == null ? "" : context.key()) + '\n' + context.shard() + '\n'
                + context.epoch() + '\n' + (context.cell() == null ? "" : context.cell()) + '\n' + context.hops();
        try {
            // Mac is not thread-safe; a clone of the initialised prototype is cheap and needs no ThreadLocal.
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            synchronized (prototype) {
                return prototype.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public String toString() {
        return signer == null ? "RoutingHeaderCodec[unsigned]"
                : "RoutingHeaderCodec[signed, " + verifiers.size() + " verification secret(s)]";
    }
}
