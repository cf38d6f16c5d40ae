package io.unitrouter.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like client of the console's JSON API for tests: it keeps the session cookie, logs in through the form
 * and sends the session's CSRF token with writing requests, as the pages do.
 */
public final class ConsoleClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The answer to one request. */
    public record Answer(int status, String body) {

        /** The body as JSON. */
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public ConsoleClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET());
    }

    /** POSTs JSON with the session's CSRF token. */
    public Answer post(String path, Object body) {
        return post(path, JSON.writeValueAsString(body), "application/json", true);
    }

    /** POSTs a body of any type, with or without the CSRF token. */
    public Answer post(String path, String body, String type, boolean withCsrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (withCsrf) {
            JsonNode csrf = get("/api/session").json().path("csrf");
            request.header(csrf.path("header").asString(), csrf.path("token").asString());
        }
        return send(request);
    }

    /**
     * Logs in through the form.
     *
     * @return whether the console accepted the user and password
     */
    public boolean login(String user, String password) {
        JsonNode csrf = get("/api/session").json().path("csrf");
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&"
                + csrf.path("parameter").asString() + "=" + encode(csrf.path("token").asString());
        Answer answer = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return answer.status() == 302 && get("/api/session").json().path("authenticated").asBoolean();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
