package io.unitrouter.gateway;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.key.KeySources;
import io.unitrouter.core.key.RequestView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a route finds the routing key: named {@link KeyExtractor}s tried in order. Names are the key-source
 * texts of {@link KeySources} ({@code header:X-User-Id}, {@code jwt:sub}, ...) plus {@code bean:NAME} for a
 * {@link KeyExtractor} bean; they appear in problem details so that clients learn what was expected.
 *
 * <p>Immutable and thread-safe.
 */
public final class RoutingKeySources {

    /** The prefix naming a {@link KeyExtractor} bean as a source. */
    public static final String BEAN_PREFIX = "bean:";

    private final String[] names;
    private final KeyExtractor[] extractors;

    private RoutingKeySources(List<String> names, List<KeyExtractor> extractors) {
        this.names = names.toArray(new String[0]);
        this.extractors = extractors.toArray(new KeyExtractor[0]);
    }

    /**
     * Parses sources.
     *
     * @param sources key-source texts, at least one
     * @param beans the application's {@link KeyExtractor} beans by name, for {@code bean:NAME}
     * @return the sources
     * @throws UnitRouterException naming the first source that does not parse or names no bean, or when
     *     {@code sources} is empty
     */
    public static RoutingKeySources parse(List<String> sources, Map<String, KeyExtractor> beans) {
        if (sources == null || sources.isEmpty()) {
            throw new UnitRouterException("no routing-key source is configured; give at least one, e.g."
                    + " header:X-User-Id");
        }
        List<String> names = new ArrayList<>();
        List<KeyExtractor> extractors = new ArrayList<>();
        for (String source : sources) {
            String trimmed = source == null ? null : source.trim();
            if (trimmed != null && trimmed.startsWith(BEAN_PREFIX)) {
                String bean = trimmed.substring(BEAN_PREFIX.length()).trim();
                KeyExtractor extractor = beans.get(bean);
                if (extractor == null) {
                    throw new UnitRouterException("routing-key source '" + trimmed + "' names no KeyExtractor bean;"
                            + " KeyExtractor beans: " + beans.keySet(), Map.of("source", trimmed), null);
                }
                names.add(BEAN_PREFIX + bean);
                extractors.add(extractor);
            } else {
                extractors.add(KeySources.parse(trimmed));
                names.add(trimmed);
            }
        }
        return new RoutingKeySources(names, extractors);
    }

    /**
     * Named extractors as they are, e.g. the application's {@link KeyExtractor} beans followed by parsed
     * sources.
     *
     * @param named extractors by source name, in the order to try them; at least one
     * @return the sources
     * @throws UnitRouterException when {@code named} is empty
     */
    public static RoutingKeySources of(Map<String, KeyExtractor> named) {
        if (named.isEmpty()) {
            throw new UnitRouterException("no routing-key source is configured; give at least one, e.g."
                    + " header:X-User-Id");
        }
        return new RoutingKeySources(new ArrayList<>(named.keySet()), new ArrayList<>(named.values()));
    }

    /**
     * Finds the request's key: the first non-empty value any source returns.
     *
     * @param request the request
     * @return the key and the source that found it, or {@code null} when no source finds one
     * @throws KeySourceException if an extractor fails; the request must then not be routed
     */
    FoundKey find(RequestView request) {
        for (int i = 0; i < extractors.length; i++) {
            String key;
            try {
                key = extractors[i].extract(request);
            } catch (RuntimeException e) {
                throw new KeySourceException(names[i], e);
            }
            if (key != null && !key.isEmpty()) {
                return new FoundKey(names[i], key);
            }
        }
        return null;
    }

    /** The source names, in the order they are tried. */
    public List<String> names() {
        return List.of(names);
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }

    /**
     * A key as found.
     *
     * @param source the source that found it, e.g. {@code header:X-User-Id}
     * @param key the key, not yet validated
     */
    record FoundKey(String source, String key) {
    }
}
