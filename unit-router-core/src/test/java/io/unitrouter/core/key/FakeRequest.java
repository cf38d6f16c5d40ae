package io.unitrouter.core.key;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A request for tests: case-insensitive headers, every carrier repeatable, as HTTP has them. */
public final class FakeRequest implements RequestView {

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<String>> cookies = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final String path;

    private FakeRequest(String path) {
        this.path = path;
    }

    /** A request for {@code path} with nothing else. */
    public static FakeRequest at(String path) {
        return new FakeRequest(path);
    }

    /** Adds a header value (a second call with the same name adds a second copy). */
    public FakeRequest header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** Adds a cookie value. */
    public FakeRequest cookie(String name, String value) {
        cookies.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** Adds a query parameter value. */
    public FakeRequest query(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** Sets a path variable, as a framework would after matching. */
    public FakeRequest variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    @Override
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    @Override
    public String cookie(String name) {
        List<String> values = cookies(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> cookies(String name) {
        return cookies.getOrDefault(name, List.of());
    }

    @Override
    public String queryParameter(String name) {
        List<String> values = queryParameters(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> queryParameters(String name) {
        return query.getOrDefault(name, List.of());
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathVariable(String name) {
        return variables.get(name);
    }
}
