package io.unitrouter.core.spi;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The text of one {@link AppliedEpoch} report, as rule stores keep it (a file per instance, a Nacos config
 * per instance): Java properties with the keys {@code instance}, {@code cell} (absent for a gateway),
 * {@code epoch}, {@code checksum}, {@code at} and {@code heartbeat} (ISO-8601 instants).
 *
 * <pre>
 * instance=rz01@host3#4711
 * cell=rz01
 * epoch=43
 * checksum=3c59b3f2cc62a363
 * at=2025-01-31T08:15:02.117Z
 * heartbeat=2025-01-31T08:15:09.120Z
 * </pre>
 *
 * A report written before heartbeats existed has no {@code heartbeat}; {@code at} stands in for it.
 *
 * <p>Stateless and thread-safe.
 */
public final class AppliedEpochFormat {

    private AppliedEpochFormat() {
    }

    /**
     * Writes a report.
     *
     * @param applied the report
     * @return its text, one property a line
     */
    public static String format(AppliedEpoch applied) {
        StringBuilder text = new StringBuilder();
        property(text, "instance", applied.instanceId());
        if (applied.cell() != null) {
            property(text, "cell", applied.cell());
        }
        property(text, "epoch", Long.toString(applied.epoch()));
        property(text, "checksum", applied.checksum());
        property(text, "at", applied.at().toString());
        property(text, "heartbeat", applied.heartbeat().toString());
        return text.toString();
    }

    /**
     * Reads a report.
     *
     * @param text what {@link #format} wrote
     * @param fallbackInstanceId the instance id to use when the text has none (older reports named the
     *     instance only by where they were stored)
     * @return the report
     * @throws IllegalArgumentException naming the missing or malformed property
     */
    public static AppliedEpoch parse(String text, String fallbackInstanceId) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties text: " + e.getMessage(), e);
        }
        String instance = props.getProperty("instance", fallbackInstanceId);
        String epoch = require(props, "epoch");
        Instant at = instant(props, "at", require(props, "at"));
        String heartbeat = props.getProperty("heartbeat");
        try {
            return new AppliedEpoch(instance, props.getProperty("cell"), Long.parseLong(epoch.strip()),
                    props.getProperty("checksum", ""), at, heartbeat == null ? at : instant(props, "heartbeat",
                            heartbeat));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("epoch '" + epoch + "' is not a whole number", e);
        }
    }

    private static String require(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("the report has no '" + key + "'");
        }
        return value;
    }

    private static Instant instant(Properties props, String key, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not an ISO-8601 instant", e);
        }
    }

    private static void property(StringBuilder text, String key, String value) {
        text.append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\f' -> text.append("\\f");
                case ' ' -> text.append(i == 0 ? "\\ " : " ");
                default -> text.append(c);
            }
        }
        text.append('\n');
    }
}
