package io.unitrouter.core.context;

import java.security.DigestException;
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
 * <p>Each thread signs with its own pair of digests, kept for the thread's life: a message costs the two SHA-256
 * passes over its own bytes, plus one block for each pad, and allocates only the tag (nothing when the caller gives
 * the array to write it into). Why not clone digests prepared with the pads: a clone allocates a new digest, its
 * state, its buffer and, on its first block, its message schedule, twice per message; measured in a gateway, the
 * two clones took twice as long as all the hashing. A thread that signs only once (such as a virtual thread per
 * request) pays for creating its digests instead, about what those clones cost.
 *
 * <p>Thread-safe: the key's pads are only read; the digests are the calling thread's own.
 */
final class HmacSha256 {

    /** SHA-256's block size, in bytes: keys are padded (or first hashed) to it. */
    private static final int BLOCK_BYTES = 64;
    private static final int TAG_BYTES = 32;
    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    /** The key XOR the inner pad, and XOR the outer pad. */
    private final byte[] innerBlock;
    private final byte[] outerBlock;
    private final ThreadLocal<Digests> digests;

    /**
     * @param key the secret; any length (a key longer than a block is hashed first, as RFC 2104 says)
     * @throws IllegalStateException if the platform has no SHA-256, which every Java platform must have
     */
    HmacSha256(byte[] key) {
        this(key, HmacSha256::sha256);
    }

    /** With SHA-256 digests from {@code sha256}: for tests, to stand for a provider. */
    HmacSha256(byte[] key, Supplier<MessageDigest> sha256) {
        byte[] block = Arrays.copyOf(key.length > BLOCK_BYTES ? sha256.get().digest(key) : key, BLOCK_BYTES);
        this.innerBlock = new byte[BLOCK_BYTES];
        this.outerBlock = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            innerBlock[i] = (byte) (block[i] ^ INNER_PAD);
            outerBlock[i] = (byte) (block[i] ^ OUTER_PAD);
        }
        Arrays.fill(block, (byte) 0);
        this.digests = ThreadLocal.withInitial(() -> new Digests(sha256.get(), sha256.get()));
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
     * @throws IllegalArgumentException if the range lies outside {@code message}
     */
    byte[] sign(byte[] message, int offset, int length) {
        byte[] tag = new byte[TAG_BYTES];
        sign(message, offset, length, tag);
        return tag;
    }

    /**
     * Writes the HMAC-SHA256 of {@code message[offset, offset + length)} under this key into {@code tag[0, 32)}:
     * for a caller that keeps an array to write it into, so that signing allocates nothing.
     *
     * @throws IllegalArgumentException if the range lies outside {@code message}, or {@code tag} is shorter than
     *     32 bytes
     */
    void sign(byte[] message, int offset, int length, byte[] tag) {
        if (tag.length < TAG_BYTES) {
            throw new IllegalArgumentException("a tag needs " + TAG_BYTES + " bytes, the array has " + tag.length);
        }
        Digests own = digests.get();
        MessageDigest inner = own.inner();
        MessageDigest outer = own.outer();
        // A digest is left reset by digest(); reset again in case an earlier call stopped half-way.
        inner.reset();
        inner.update(innerBlock);
        inner.update(message, offset, length);
        try {
            inner.digest(own.innerTag(), 0, TAG_BYTES);
            outer.reset();
            outer.update(outerBlock);
            outer.update(own.innerTag());
            outer.digest(tag, 0, TAG_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 gives " + TAG_BYTES + " bytes", e);
        }
    }

    /** One thread's digests, and room for the inner tag. */
    private record Digests(MessageDigest inner, MessageDigest outer, byte[] innerTag) {

        Digests(MessageDigest inner, MessageDigest outer) {
            this(inner, outer, new byte[TAG_BYTES]);
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
