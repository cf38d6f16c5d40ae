package io.unitrouter.boot.servlet;

import io.unitrouter.boot.web.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Writes a refusal as an RFC 9457 problem with the application's own message converters, so the body is
 * rendered by the same JSON library and settings as every other response.
 *
 * <p>Thread-safe.
 */
final class ServletProblemWriter {

    private final Supplier<List<HttpMessageConverter<?>>> converters;

    ServletProblemWriter(Supplier<List<HttpMessageConverter<?>>> converters) {
        this.converters = converters;
    }

    @SuppressWarnings("unchecked")
    void write(HttpServletRequest request, HttpServletResponse response, Verdict verdict) throws IOException {
        response.setStatus(verdict.outcome().status());
        verdict.headers().forEach(response::setHeader);
        ProblemDetail problem = verdict.problem();
        problem.setInstance(URI.create(request.getRequestURI()));
        for (HttpMessageConverter<?> converter : converters.get()) {
            if (converter.canWrite(ProblemDetail.class, MediaType.APPLICATION_PROBLEM_JSON)) {
                ((HttpMessageConverter<Object>) converter).write(problem, MediaType.APPLICATION_PROBLEM_JSON,
                        new ServletServerHttpResponse(response));
                return;
            }
        }
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.getOutputStream().write((problem.getTitle() + ": " + problem.getDetail() + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
