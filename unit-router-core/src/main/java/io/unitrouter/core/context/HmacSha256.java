package io.unitrouter.core.context;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * HMAC-SHA256 (RFC 2104) built on {@link MessageDigest}, giving the same bytes as {@code javax.crypto.Mac}'s
 * {@code HmacSHA256}.
 *
 * <p>Why not {@code Mac}: the first {@code Mac.getInstance} of a JVM initialises the JCE (it parses the
 * cryptographic policy files and checks the providers), which a cell that serves plain HTTP behind a gateway
 * otherwise never does: most of the time it took to create the codec bean, and some 40 classes, only to compute
 * one hash function twice. {@code MessageDigest} is the same SHA-256 implementation (the {@code SUN} provider's,
 * or whichever provider the platform prefers), without that set-up.
 *
 * <p>The key's inner and outer pads are hashed once, here; each {@link #sign} continues from clones of those
 * two states, so a message costs the same two SHA-256 passes over its own bytes as with {@code Mac}.
 *
 * <p>Thread-safe: {@link #sign} only reads this object (it clones the prepared digests).
 */
final class HmacSha256 {

    /** SHA-256's block size, in bytes: keys are padded (or first hashed) to it. */
    private static final int BLOCK_BYTES = 64;
    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    /** The key XOR the inner pad, and XOR the outer pad: kept for a provider whose digests cannot be cloned. */
    private final byte[] innerBlock;
    private final byte[] outerBlock;
    /** Digests that have hashed those blocks, to clone per message; {@code null} if they cannot be cloned. */
    private final MessageDigest inner;
    private final MessageDigest outer;
    private final Supplier<MessageDigest> digests;

    /**
     * @param key the secret; any length (a key longer than a block is hashed first, as RFC 2104 says)
     * @throws IllegalStateException if the platform has no SHA-256, which every Java platform must have
     */
    HmacSha256(byte[] key) {
        this(key, HmacSha256::sha256);
    }

    /** With SHA-256 digests from {@code digests}: for tests, to stand for a provider. */
    HmacSha256(byte[] key, Supplier<MessageDigest> digests) {
        this.digests = digests;
        byte[] block = Arrays.copyOf(key.length > BLOCK_BYTES ? digests.get().digest(key) : key, BLOCK_BYTES);
        this.innerBlock = new byte[BLOCK_BYTES];
        this.outerBlock = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            innerBlock[i] = (byte) (block[i] ^ INNER_PAD);
            outerBlock[i] = (byte) (block[i] ^ OUTER_PAD);
        }
        Arrays.fill(block, (byte) 0);
        MessageDigest in = digests.get();
        in.update(innerBlock);
        MessageDigest out = digests.get();
        out.update(outerBlock);
        boolean cloneable = clone(in) != null;
        this.inner = cloneable ? in : null;
        this.outer = cloneable ? out : null;
    }

    /**
     * The HMAC-SHA256 of {@code message} under this key.
     *
     * @param message the bytes to sign
     * @return the 32-byte tag
     */
    byte[] sign(byte[] message) {
        return sign(message, 0, message.length);
    }

    /**
     * The HMAC-SHA256 of {@code message[offset, offset + length)} under this key.
     *
     * @return the 32-byte tag
     */
    byte[] sign(byte[] message, int offset, int length) {
        MessageDigest in = inner != null ? clone(inner) : null;
        MessageDigest out = outer != null ? clone(outer) : null;
        if (in == null || out == null) {
            // A provider whose digests cannot be cloned: hash the pads again, in fresh digests.
            in = digests.get();
            in.update(innerBlock);
            out = digests.get();
            out.update(outerBlock);
        }
        in.update(message, offset, length);
        out.update(in.digest());
        return out.digest();
    }

    private static MessageDigest clone(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
