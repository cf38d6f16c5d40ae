package io.unitrouter.core.key;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing-key sources of a gateway route or a cell, asked in order, with the one rule both apply:
 *
 * <ul>
 *   <li>a source that finds nothing is skipped;</li>
 *   <li>a carrier that is present but empty ({@code X-User-Id:}) is refused: the client meant to send a key and
 *       sent none, so no cell is the right one;</li>
 *   <li>a carrier sent twice with different values (two {@code X-User-Id} headers, two {@code uid} cookies) is
 *       refused, and so is a path with dot-segments ({@link RequestPaths});</li>
 *   <li>every source is asked, and all that find a key must find the same one: otherwise the request is
 *       refused, since one layer could route by one key and another serve the other.</li>
 * </ul>
 *
 * <p>A framework that learns more of a request after its first look (Spring MVC's path variables exist only once
 * the request is matched to a handler) can ask in two steps, without asking any source twice:
 * {@link #findFixed} asks the <em>fixed</em> sources, those that read only the request as it arrived (header,
 * cookie, query, path-segment and jwt), and {@link #findRest} later asks the others (path-variable, and
 * extractors of the application's own) and decides as {@link #find} would.
 *
 * <p>Names are the source texts of {@link KeySources} ({@code header:X-User-Id}, {@code jwt:sub}, ...) and
 * {@code bean:NAME} for an application's own {@link KeyExtractor}; they appear in refusals so that clients learn
 * what was expected.
 *
 * <p>Immutable and thread-safe, given thread-safe extractors.
 */
public final class KeyChain implements KeyExtractor {

    /** The prefix naming a {@link KeyExtractor} bean as a source. */
    public static final String BEAN_PREFIX = "bean:";

    /** Which sources {@link #find} asks. */
    private enum Asked { ALL, FIXED, REST }

    private final String[] names;
    private final KeyExtractor[] extractors;
    /** Whether each source reads only the request as it arrived (see {@link KeySources#isFixed}). */
    private final boolean[] fixed;

    private KeyChain(List<String> names, List<KeyExtractor> extractors) {
        this.names = names.toArray(new String[0]);
        this.extractors = extractors.toArray(new KeyExtractor[0]);
        this.fixed = new boolean[this.extractors.length];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = KeySources.isFixed(this.extractors[i]);
        }
    }

    /**
     * Parses source texts; {@code bean:NAME} names one of {@code beans}.
     *
     * @param sources key-source texts, at least one
     * @param beans the application's own extractors by name, for {@code bean:NAME}; may be empty
     * @return the chain
     * @throws UnitRouterException naming the first source that does not parse or names no bean, or when
     *     {@code sources} is empty
     */
    public static KeyChain parse(List<String> sources, Map<String, KeyExtractor> beans) {
        if (sources == null || sources.isEmpty()) {
            throw new UnitRouterException("no routing-key source is configured; give at least one, e.g."
                    + " header:X-User-Id");
        }
        Map<String, KeyExtractor> named = new LinkedHashMap<>();
        for (String source : sources) {
            String trimmed = source == null ? null : source.trim();
            if (trimmed != null && trimmed.startsWith(BEAN_PREFIX)) {
                String bean = trimmed.substring(BEAN_PREFIX.length()).trim();
                KeyExtractor extractor = beans.get(bean);
                if (extractor == null) {
                    throw new UnitRouterException("routing-key source '" + trimmed + "' names no KeyExtractor bean;"
                            + " KeyExtractor beans: " + beans.keySet(), Map.of("source", trimmed), null);
                }
                named.put(BEAN_PREFIX + bean, extractor);
            } else {
                named.put(trimmed, KeySources.parse(trimmed));
            }
        }
        return of(named);
    }

    /**
     * Named extractors as they are, e.g. the application's {@link KeyExtractor} beans followed by parsed sources.
     *
     * @param named extractors by source name, in the order to ask them; at least one
     * @return the chain
     * @throws UnitRouterException when {@code named} is empty
     */
    public static KeyChain of(Map<String, KeyExtractor> named) {
        if (named.isEmpty()) {
            throw new UnitRouterException("no routing-key source is configured; give at least one, e.g."
                    + " header:X-User-Id");
        }
        return new KeyChain(new ArrayList<>(named.keySet()), new ArrayList<>(named.values()));
    }

    /**
     * Finds the request's key by the rule above.
     *
     * @param request the request
     * @return the key and the first source that found it, or {@code null} when no source finds one
     * @throws AmbiguousKeyException if copies or sources disagree, or the path has dot-segments
     * @throws MalformedKeyException if a carrier is present but empty, or a source finds a key it cannot decode
     * @throws KeySourceException if an extractor fails otherwise; the request must then not be routed
     */
    public FoundKey find(RequestView request) {
        return scan(request, Asked.ALL, null);
    }

    /**
     * Asks only the fixed sources (header, cookie, query, path-segment, jwt), by the rule above; the first step of
     * asking in two.
     *
     * @param request the request
     * @return the key and the first fixed source that found it, or {@code null} when none finds one
     * @throws AmbiguousKeyException if copies or fixed sources disagree, or the path has dot-segments
     * @throws MalformedKeyException if a carrier is present but empty, or a source finds a key it cannot decode
     * @throws KeySourceException if an extractor fails otherwise
     */
    public FoundKey findFixed(RequestView request) {
        return scan(request, Asked.FIXED, null);
    }

    /**
     * Asks the sources {@link #findFixed} did not ask, and decides by the rule above as if every source had been
     * asked in order, the fixed ones answering what {@code fixed} says. So {@code findRest(r, findFixed(r))} finds
     * the key {@link #find find(r)} finds, names the same source, and refuses when it refuses (when several
     * sources fail, the refusal may name another of them).
     *
     * @param request the same request, possibly knowing more now (such as its path variables)
     * @param fixed what {@link #findFixed} of this chain answered for this request; {@code null} when it found none
     * @return the key and the first source that found it, or {@code null} when no source finds one
     * @throws AmbiguousKeyException if the sources asked now disagree with each other or with {@code fixed}, or
     *     the path has dot-segments
     * @throws MalformedKeyException if a carrier is present but empty, or a source finds a key it cannot decode
     * @throws KeySourceException if an extractor fails otherwise
     * @throws IllegalArgumentException if {@code fixed} names no fixed source of this chain
     */
    public FoundKey findRest(RequestView request, FoundKey fixed) {
        return scan(request, Asked.REST, fixed);
    }

    private FoundKey scan(RequestView request, Asked asked, FoundKey fixedAnswer) {
        FoundKey found = null;
        boolean fixedAnswerPlaced = fixedAnswer == null;
        for (int i = 0; i < extractors.length; i++) {
            String key;
            if (asked == Asked.FIXED && !fixed[i]) {
                continue;
            }
            if (asked == Asked.REST && fixed[i]) {
                // Asked already. Every fixed source that found a key found this one, so only the first of them,
                // the one named, can decide anything: the others agree with it.
                if (fixedAnswerPlaced || !fixedAnswer.source().equals(names[i])) {
                    continue;
                }
                fixedAnswerPlaced = true;
                key = fixedAnswer.key();
            } else {
                key = ask(i, request);
            }
            if (key == null) {
                continue;
            }
            if (key.isEmpty()) {
                throw new MalformedKeyException(key, "from " + names[i] + " is empty");
            }
            if (found == null) {
                found = new FoundKey(names[i], key);
            } else if (!found.key().equals(key)) {
                throw new AmbiguousKeyException(names[i], found.key(), "from " + found.source()
                        + " disagrees with " + names[i] + ", which gives " + RoutingKeys.quote(key));
            }
        }
        if (!fixedAnswerPlaced) {
            throw new IllegalArgumentException("routing key from " + fixedAnswer.source() + " was not found by a"
                    + " fixed source of this chain (" + this + ")");
        }
        return found;
    }

    private String ask(int source, RequestView request) {
        try {
            return extractors[source].extract(request);
        } catch (MalformedKeyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeySourceException(names[source], e);
        }
    }

    /** {@link #find}'s key, or {@code null}. */
    @Override
    public String extract(RequestView request) {
        FoundKey found = find(request);
        return found == null ? null : found.key();
    }

    /** The source names, in the order they are asked. */
    public List<String> names() {
        return List.of(names);
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
