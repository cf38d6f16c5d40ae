package io.unitrouter.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import io.unitrouter.core.request.Refusal;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) for the answers the gateway gives itself,
 * with the type, title and status of their {@link Refusal}: the same a cell answers for the same refusal.
 *
 * <p>Stateless and thread-safe.
 */
final class ProblemResponses {

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType("application/problem+json");

    private ProblemResponses() {
    }

    /**
     * Answers the exchange with a problem detail.
     *
     * @param exchange the exchange; its response must not be committed
     * @param refusal the refusal, giving status, type and title
     * @param detail what is wrong with this request
     * @param extensions further members, in order; values are strings, numbers, booleans or collections of them
     * @return completes when written
     */
    static Mono<Void> write(ServerWebExchange exchange, Refusal refusal, String detail, Map<String, ?> extensions) {
        StringBuilder json = new StringBuilder(256).append('{');
        member(json, "type", refusal.type()).append(',');
        member(json, "title", refusal.title()).append(',');
        member(json, "status", refusal.status()).append(',');
        member(json, "detail", detail).append(',');
        member(json, "instance", exchange.getRequest().getPath().value());
        extensions.forEach((name, value) -> member(json.append(','), name, value));
        json.append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(refusal.status()));
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    private static StringBuilder member(StringBuilder json, String name, Object value) {
        string(json, name).append(':');
        return value(json, value);
    }

    private static StringBuilder value(StringBuilder json, Object value) {
        if (value == null) {
            return json.append("null");
        }
        if (value instanceof Number || value instanceof Boolean) {
            return json.append(value);
        }
        if (value instanceof Collection<?> items) {
            json.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    json.append(',');
                }
                value(json, item);
                first = false;
            }
            return json.append(']');
        }
        return string(json, value.toString());
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
