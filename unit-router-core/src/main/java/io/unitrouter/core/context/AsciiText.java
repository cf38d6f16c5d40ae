package io.unitrouter.core.context;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growing array of ASCII bytes, turned into a string once at the end. The gateway writes a signed routing
 * context per request: built as strings, the value, the text to sign and its bytes, the signature's text and the
 * value with it were five copies of nearly the same characters; written here, the text to sign is hashed in place
 * and the value is copied out once.
 *
 * <p>Not thread-safe: each is used by one thread, by one call at a time.
 */
final class AsciiText {

    private byte[] bytes;
    private int length;

    /**
     * @param capacity the expected length in bytes; the array grows past it when needed
     */
    AsciiText(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /**
     * Appends {@code text} when every character of it is ASCII.
     *
     * @return {@code false}, with nothing appended, if {@code text} has a character above {@code U+007F}
     */
    boolean appendAscii(String text) {
        return appendAscii(text, 0, text.length());
    }

    /**
     * Appends {@code text[from, to)} when every character of it is ASCII: a part of a string, without cutting it
     * out first.
     *
     * @return {@code false}, with nothing appended, if that part has a character above {@code U+007F}
     * @throws IndexOutOfBoundsException if {@code from} or {@code to} is outside {@code text}, or
     *     {@code from > to}
     */
    boolean appendAscii(String text, int from, int to) {
        Objects.checkFromToIndex(from, to, text.length());
        int size = to - from;
        ensure(size);
        for (int i = 0; i < size; i++) {
            char c = text.charAt(from + i);
            if (c > 0x7F) {
                return false;
            }
            bytes[length + i] = (byte) c;
        }
        length += size;
        return true;
    }

    /** Appends an ASCII character. */
    AsciiText append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends a number {@code >= 0} in decimal digits. */
    AsciiText append(long number) {
        int digits = 1;
        for (long rest = number; rest >= 10; rest /= 10) {
            digits++;
        }
        ensure(digits);
        long rest = number;
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        length += digits;
        return this;
    }

    /** Appends bytes that are ASCII already. */
    AsciiText append(byte[] ascii) {
        return append(ascii, 0, ascii.length);
    }

    /**
     * Appends {@code ascii[from, from + count)}, bytes that are ASCII already.
     *
     * @throws IndexOutOfBoundsException if that range lies outside {@code ascii}
     */
    AsciiText append(byte[] ascii, int from, int count) {
        Objects.checkFromIndexSize(from, count, ascii.length);
        ensure(count);
        System.arraycopy(ascii, from, bytes, length, count);
        length += count;
        return this;
    }

    /**
     * Empties the text for another use, keeping its array unless that has grown past {@code keepAtMost} bytes:
     * a text kept for a thread's life should not hold on to the longest it ever wrote.
     */
    void clear(int keepAtMost) {
        length = 0;
        if (bytes.length > keepAtMost) {
            bytes = new byte[Math.max(16, keepAtMost)];
        }
    }

    /** The bytes written so far occupy {@code array()[0, length())}. */
    int length() {
        return length;
    }

    /** The array written into; valid up to {@link #length()}, and replaced when it grows. */
    byte[] array() {
        return bytes;
    }

    /** The text from {@code start} to the end. */
    String toString(int start) {
        return new String(bytes, start, length - start, StandardCharsets.ISO_8859_1);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
