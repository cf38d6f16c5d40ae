package io.unitrouter.sample.bank.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-second counts of the load: definite answers (transfers completed, failed, pending) and, by kind, the
 * attempts that got no definite answer and were sent again.
 */
final class Timeline {

    private static final int SECONDS = 3600;

    private final AtomicLongArray answered = new AtomicLongArray(SECONDS);
    private final Map<String, AtomicLongArray> retries = new ConcurrentHashMap<>();

    void answered(long atMs) {
        answered.incrementAndGet(second(atMs));
    }

    void retried(long atMs, String kind) {
        retries.computeIfAbsent(kind, k -> new AtomicLongArray(SECONDS)).incrementAndGet(second(atMs));
    }

    private static int second(long ms) {
        return (int) Math.min(SECONDS - 1, Math.max(0, ms / 1000));
    }

    /** Definite answers in each second, up to {@code seconds}. */
    long[] answeredPerSecond(int seconds) {
        long[] out = new long[Math.min(seconds, SECONDS)];
        for (int i = 0; i < out.length; i++) {
            out[i] = answered.get(i);
        }
        return out;
    }

    /** Attempts sent again, by kind, in total. */
    Map<String, Long> retriesByKind() {
        Map<String, Long> out = new TreeMap<>();
        retries.forEach((kind, counts) -> {
            long total = 0;
            for (int i = 0; i < SECONDS; i++) {
                total += counts.get(i);
            }
            out.put(kind, total);
        });
        return out;
    }

    /** Attempts sent again, by kind, between two instants (ms since the load started, inclusive). */
    Map<String, Long> retriesBetween(long fromMs, long toMs) {
        Map<String, Long> out = new TreeMap<>();
        retries.forEach((kind, counts) -> {
            long total = 0;
            for (int i = second(fromMs); i <= second(toMs); i++) {
                total += counts.get(i);
            }
            if (total > 0) {
                out.put(kind, total);
            }
        });
        return out;
    }
}
