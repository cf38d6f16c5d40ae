package io.unitrouter.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4231, test cases 1, 2, 4, 6 and 7: short keys, a key of one block and keys longer than a block. */
    @Test
    void givesTheTagsOfRfc4231() {
        assertTag(HEX.parseHex("0b".repeat(20)), "Hi There".getBytes(StandardCharsets.US_ASCII),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertTag("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertTag(HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), HEX.parseHex("cd".repeat(50)),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
        assertTag(HEX.parseHex("aa".repeat(131)),
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        assertTag(HEX.parseHex("aa".repeat(131)), ("This is a test using a larger than block-size key and a larger"
                + " than block-size data. The key needs to be hashed before being used by the HMAC algorithm.")
                .getBytes(StandardCharsets.US_ASCII),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    @Test
    void agreesWithTheJcaMacForKeysAndMessagesAroundTheBlockSize() throws Exception {
        Random random = new Random(20261204);
        for (int keyLength : List.of(1, 32, 63, 64, 65, 100, 128, 200)) {
            byte[] key = bytes(random, keyLength);
            HmacSha256 hmac = new HmacSha256(key);
            for (int messageLength : List.of(0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000)) {
                byte[] message = bytes(random, messageLength);
                assertThat(hmac.sign(message)).as("key %d bytes, message %d bytes", keyLength, messageLength)
                        .isEqualTo(jca(key, message));
            }
        }
    }

    @Test
    void signingTheSameMessageTwiceGivesTheSameTag() {
        HmacSha256 hmac = new HmacSha256(bytes(new Random(1), 32));
        byte[] message = "GET /api/accounts/5/balance".getBytes(StandardCharsets.UTF_8);

        assertThat(hmac.sign(message)).isEqualTo(hmac.sign(message)).hasSize(32);
    }

    @Test
    void threadsSharingOneKeyEachGetTheTagOfTheirOwnMessage() throws Exception {
        byte[] key = bytes(new Random(2), 32);
        HmacSha256 hmac = new HmacSha256(key);
        List<byte[]> messages = IntStream.range(0, 2_000)
                .mapToObj(i -> ("message " + i).getBytes(StandardCharsets.UTF_8)).toList();

        List<byte[]> tags = messages.parallelStream().map(hmac::sign).toList();

        for (int i = 0; i < messages.size(); i++) {
            assertThat(tags.get(i)).isEqualTo(jca(key, messages.get(i)));
        }
    }

    @Test
    void aSignThatFailsHalfWayLeavesTheThreadsNextTagRight() throws Exception {
        byte[] key = bytes(new Random(4), 32);
        HmacSha256 hmac = new HmacSha256(key);
        byte[] message = bytes(new Random(5), 100);

        // The inner pad is hashed before the range is checked, so the thread's digest is left half-way.
        assertThatThrownBy(() -> hmac.sign(message, 90, 20)).isInstanceOf(IllegalArgumentException.class);

        assertThat(hmac.sign(message)).isEqualTo(jca(key, message));
        assertThat(hmac.sign(message, 10, 50)).isEqualTo(jca(key, Arrays.copyOfRange(message, 10, 60)));
    }

    @Test
    void aTagWrittenIntoTheCallersArrayIsTheOneReturnedAndAShortArrayIsRefused() throws Exception {
        byte[] key = bytes(new Random(6), 32);
        HmacSha256 hmac = new HmacSha256(key);
        byte[] message = bytes(new Random(7), 150);
        byte[] tag = new byte[40];
        Arrays.fill(tag, (byte) 0x7f);

        hmac.sign(message, 20, 100, tag);

        assertThat(Arrays.copyOf(tag, 32)).isEqualTo(jca(key, Arrays.copyOfRange(message, 20, 120)));
        assertThat(Arrays.copyOfRange(tag, 32, 40)).containsOnly((byte) 0x7f);
        assertThatThrownBy(() -> hmac.sign(message, 0, 10, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a tag needs 32 bytes, the array has 31");
    }

    @Test
    void aProviderWhoseDigestsCannotBeClonedGivesTheSameTags() throws Exception {
        byte[] key = bytes(new Random(3), 80);
        HmacSha256 hmac = new HmacSha256(key, NotCloneable::new);

        for (int length : List.of(0, 64, 300)) {
            byte[] message = bytes(new Random(length), length);
            assertThat(hmac.sign(message)).isEqualTo(hmac.sign(message)).isEqualTo(jca(key, message));
        }
    }

    private static void assertTag(byte[] key, byte[] message, String hex) {
        assertThat(HEX.formatHex(new HmacSha256(key).sign(message))).isEqualTo(hex);
    }

    private static byte[] jca(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    /** SHA-256 from a digest that, like some providers' (hardware tokens), cannot be cloned. */
    private static final class NotCloneable extends MessageDigest {

        private final MessageDigest sha256;

        NotCloneable() {
            super("SHA-256");
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineUpdate(byte input) {
            sha256.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            sha256.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return sha256.digest();
        }

        @Override
        protected void engineReset() {
            sha256.reset();
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
