package io.unitrouter.core.key;

import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Key extractors written as text, the way properties name them:
 *
 * <table>
 *   <caption>Sources</caption>
 *   <tr><th>source</th><th>the key is</th></tr>
 *   <tr><td>{@code header:X-User-Id}</td><td>the header's value</td></tr>
 *   <tr><td>{@code cookie:uid}</td><td>the cookie's value</td></tr>
 *   <tr><td>{@code query:userId}</td><td>the query parameter's value</td></tr>
 *   <tr><td>{@code path-segment:2}</td><td>the path segment at that 0-based index, without matrix parameters and
 *       percent-decoded: {@code /api/users/42} gives {@code 42} for index 2</td></tr>
 *   <tr><td>{@code path-variable:userId}</td><td>a URI template variable resolved by the framework</td></tr>
 *   <tr><td>{@code jwt:sub}</td><td>a claim of the bearer token in {@code Authorization}; nested claims with
 *       dots, e.g. {@code jwt:user.id}. The payload is read as strict JSON: a string claim is the key as it is,
 *       an integer claim its decimal digits; any other claim, or a payload that is not JSON, gives no key. The
 *       token is decoded, not verified: verify it before routing if the key must be trusted</td></tr>
 * </table>
 *
 * <p>A carrier sent more than once (two {@code X-User-Id} headers, two {@code uid} cookies, {@code ?userId=1&userId=2})
 * gives its value when every copy agrees and is refused with {@link AmbiguousKeyException} otherwise. The path
 * sources refuse a path with dot-segments ({@link RequestPaths}).
 *
 * <p>Stateless and thread-safe; the extractors it returns are too.
 */
public final class KeySources {

    private KeySources() {
    }

    /**
     * Parses one source.
     *
     * @param source e.g. {@code header:X-User-Id}
     * @return the extractor
     * @throws UnitRouterException naming the source when it is not one of the forms above
     */
    public static KeyExtractor parse(String source) {
        int colon = source == null ? -1 : source.indexOf(':');
        if (colon <= 0 || colon == source.length() - 1) {
            throw invalid(source, "is not of the form type:name");
        }
        String type = source.substring(0, colon).trim();
        String name = source.substring(colon + 1).trim();
        return switch (type) {
            case "header" -> new Source(source, true, single(source, request -> request.headers(name)));
            case "cookie" -> new Source(source, true, single(source, request -> request.cookies(name)));
            case "query" -> new Source(source, true, single(source, request -> request.queryParameters(name)));
            case "path-variable" -> new Source(source, false, request -> {
                RequestPaths.requireUnambiguous(source, request.path());
                return request.pathVariable(name);
            });
            case "path-segment" -> new Source(source, true, pathSegment(source, name));
            case "jwt" -> new Source(source, true, new JwtClaim(name));
            default -> throw invalid(source, "has unknown type '" + type
                    + "' (expected header, cookie, query, path-segment, path-variable or jwt)");
        };
    }

    /**
     * Parses several sources into one {@link KeyChain}, which asks them in order under its rule for empty,
     * repeated and disagreeing carriers.
     *
     * @param sources e.g. {@code ["header:X-User-Id", "jwt:sub"]}; at least one
     * @return the chain
     * @throws UnitRouterException naming the first invalid source, or when the list is empty
     */
    public static KeyChain parseAll(List<String> sources) {
        return KeyChain.parse(sources, Map.of());
    }

    /**
     * A {@link KeyChain} of extractors that have no source text, named by their position
     * ({@code extractor#1}, ...).
     *
     * @param extractors at least one
     * @return the chain
     */
    public static KeyChain firstOf(List<KeyExtractor> extractors) {
        Map<String, KeyExtractor> named = new LinkedHashMap<>();
        for (KeyExtractor extractor : extractors) {
            named.put("extractor#" + (named.size() + 1), extractor);
        }
        return KeyChain.of(named);
    }

    /** The value of a repeatable carrier: {@code null} when absent, refused when copies disagree. */
    private static KeyExtractor single(String source, Function<RequestView, List<String>> values) {
        return request -> {
            List<String> found = values.apply(request);
            if (found.isEmpty()) {
                return null;
            }
            String first = found.get(0);
            for (int i = 1; i < found.size(); i++) {
                if (!first.equals(found.get(i))) {
                    throw new AmbiguousKeyException(source, first, "from " + source + " is sent again as "
                            + RoutingKeys.quote(found.get(i)) + "; send the key once");
                }
            }
            return first;
        };
    }

    private static KeyExtractor pathSegment(String source, String index) {
        int wanted;
        try {
            wanted = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw invalid(source, "needs a 0-based segment index, e.g. path-segment:2");
        }
        if (wanted < 0) {
            throw invalid(source, "needs a 0-based segment index, e.g. path-segment:2");
        }
        return request -> {
            String path = request.path();
            RequestPaths.requireUnambiguous(source, path);
            String segment = segment(path, wanted);
            return segment == null ? null : RequestPaths.segmentKey(source, segment);
        };
    }

    /** The segment at a 0-based index of a path, ignoring the leading slash; {@code null} if absent or empty. */
    static String segment(String path, int wanted) {
        if (path == null) {
            return null;
        }
        int start = path.startsWith("/") ? 1 : 0;
        for (int i = 0; i < wanted; i++) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                return null;
            }
            start = slash + 1;
        }
        int end = path.indexOf('/', start);
        String segment = end < 0 ? path.substring(start) : path.substring(start, end);
        return segment.isEmpty() ? null : segment;
    }

    /**
     * Whether {@code extractor} is a source parsed here that reads only the request as it arrived (header, cookie,
     * query, path-segment, jwt), and so answers the same however much a framework has learnt of the request since.
     * A path variable exists only once the request is matched to a handler; an application's own extractor may
     * read anything.
     */
    static boolean isFixed(KeyExtractor extractor) {
        return extractor instanceof Source source && source.fixed;
    }

    /** A parsed source: its text (for {@code toString}) and whether it is fixed. */
    private static final class Source implements KeyExtractor {

        private final String text;
        private final boolean fixed;
        private final KeyExtractor extractor;

        Source(String text, boolean fixed, KeyExtractor extractor) {
            this.text = text;
            this.fixed = fixed;
            this.extractor = extractor;
        }

        @Override
        public String extract(RequestView request) {
            return extractor.extract(request);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static UnitRouterException invalid(String source, String problem) {
        return new UnitRouterException("routing-key source '" + source + "' " + problem,
                Map.of("source", String.valueOf(source)), null);
    }

    /**
     * Reads a claim from the payload of {@code Authorization: Bearer <jwt>} as strict JSON, with Jackson's streaming
     * parser: no comments, no unquoted names, no leading zeros or hexadecimal numbers, no name twice in an object,
     * nothing after the payload; so a claim means what any JSON reader takes it to mean.
     */
    private static final class JwtClaim implements KeyExtractor {

        private static final String BEARER = "bearer ";
        private static final JsonFactory JSON = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(64 * 1024)
                        .maxNestingDepth(32).build())
                // Two copies of a claim could be read as either by another JSON reader: refuse the payload.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();

        private final String[] path;

        JwtClaim(String claim) {
            this.path = claim.split("\\.");
        }

        @Override
        public String extract(RequestView request) {
            String authorization = request.header("Authorization");
            if (authorization == null || authorization.length() <= BEARER.length()
                    || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            String[] parts = authorization.substring(BEARER.length()).trim().split("\\.");
            if (parts.length != 3) {
                return null;
            }
            try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(),
                    Base64.getUrlDecoder().decode(parts[1]))) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                String claim = readObject(parser, 0);
                return parser.nextToken() == null ? claim : null;
            } catch (IllegalArgumentException | JacksonException e) {
                return null;
            }
        }

        /**
         * Reads the object the parser is in, to its end, and returns the claim at {@code path[step..]} in it: a
         * string as it is, an integer as its digits, anything else {@code null}.
         */
        private String readObject(JsonParser parser, int step) {
            String claim = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean onPath = parser.currentName().equals(path[step]);
                JsonToken value = parser.nextToken();
                if (onPath && step == path.length - 1) {
                    claim = switch (value) {
                        case VALUE_STRING -> parser.getString();
                        case VALUE_NUMBER_INT -> parser.getBigIntegerValue().toString();
                        default -> null;
                    };
                    parser.skipChildren();
                } else if (onPath && value == JsonToken.START_OBJECT) {
                    claim = readObject(parser, step + 1);
                } else {
                    parser.skipChildren();
                }
            }
            return claim;
        }
    }
}
