package io.unitrouter.core.key;

import io.unitrouter.core.UnitRouterException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Key extractors written as text, the way properties name them:
 *
 * <table>
 *   <caption>Sources</caption>
 *   <tr><th>source</th><th>the key is</th></tr>
 *   <tr><td>{@code header:X-User-Id}</td><td>the header's first value</td></tr>
 *   <tr><td>{@code cookie:uid}</td><td>the cookie's value</td></tr>
 *   <tr><td>{@code query:userId}</td><td>the query parameter's first value</td></tr>
 *   <tr><td>{@code path-segment:2}</td><td>the path segment at that 0-based index: {@code /api/users/42} gives
 *       {@code 42} for index 2</td></tr>
 *   <tr><td>{@code path-variable:userId}</td><td>a URI template variable resolved by the framework</td></tr>
 *   <tr><td>{@code jwt:sub}</td><td>a claim of the bearer token in {@code Authorization}; nested claims with
 *       dots, e.g. {@code jwt:user.id}. The token is decoded, not verified: verify it before routing if the
 *       key must be trusted</td></tr>
 * </table>
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
            case "header" -> named(source, request -> request.header(name));
            case "cookie" -> named(source, request -> request.cookie(name));
            case "query" -> named(source, request -> request.queryParameter(name));
            case "path-variable" -> named(source, request -> request.pathVariable(name));
            case "path-segment" -> named(source, pathSegment(source, name));
            case "jwt" -> named(source, new JwtClaim(name));
            default -> throw invalid(source, "has unknown type '" + type
                    + "' (expected header, cookie, query, path-segment, path-variable or jwt)");
        };
    }

    /**
     * Parses several sources into one extractor that tries them in order and returns the first key found.
     *
     * @param sources e.g. {@code ["header:X-User-Id", "jwt:sub"]}; at least one
     * @throws UnitRouterException naming the first invalid source, or when the list is empty
     */
    public static KeyExtractor parseAll(List<String> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new UnitRouterException("no routing-key source is configured; give at least one, e.g. "
                    + "header:X-User-Id");
        }
        List<KeyExtractor> extractors = new ArrayList<>();
        sources.forEach(s -> extractors.add(parse(s)));
        return firstOf(extractors);
    }

    /** An extractor that asks each of {@code extractors} in order and returns the first key found. */
    public static KeyExtractor firstOf(List<KeyExtractor> extractors) {
        List<KeyExtractor> copy = List.copyOf(extractors);
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return new KeyExtractor() {
            @Override
            public String extract(RequestView request) {
                for (KeyExtractor extractor : copy) {
                    String key = extractor.extract(request);
                    if (key != null) {
                        return key;
                    }
                }
                return null;
            }

            @Override
            public String toString() {
                return copy.toString();
            }
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
        return request -> segment(request.path(), wanted);
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

    private static KeyExtractor named(String source, KeyExtractor extractor) {
        return new KeyExtractor() {
            @Override
            public String extract(RequestView request) {
                return extractor.extract(request);
            }

            @Override
            public String toString() {
                return source;
            }
        };
    }

    private static UnitRouterException invalid(String source, String problem) {
        return new UnitRouterException("routing-key source '" + source + "' " + problem,
                Map.of("source", String.valueOf(source)), null);
    }

    /** Reads a claim from the payload of {@code Authorization: Bearer <jwt>}. */
    private static final class JwtClaim implements KeyExtractor {

        private static final String BEARER = "bearer ";
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
            Object node;
            try {
                String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                LoaderOptions options = new LoaderOptions();
                options.setMaxAliasesForCollections(0);
                options.setCodePointLimit(64 * 1024);
                node = new Yaml(new SafeConstructor(options)).load(json);
            } catch (IllegalArgumentException | YAMLException e) {
                return null;
            }
            for (String step : path) {
                if (!(node instanceof Map<?, ?> map)) {
                    return null;
                }
                node = map.get(step);
            }
            if (node instanceof String || node instanceof Integer || node instanceof Long
                    || node instanceof java.math.BigInteger) {
                return node.toString();
            }
            return null;
        }
    }
}
