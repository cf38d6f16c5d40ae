package io.unitrouter.boot.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.KeyChain;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The servlet filter that makes each request's routing context the thread's current one. */
class RoutingContextFilterTest {

    final RoutingHeaderCodec codec = spy(RoutingHeaderCodec.unsigned());
    final RoutingKeyResolver resolver = new RoutingKeyResolver(codec,
            KeyChain.parse(List.of("header:X-User-Id"), Map.of()), "[header:X-User-Id]");
    final RoutingContextFilter filter = new RoutingContextFilter(resolver);

    @AfterEach
    void clearContext() {
        RoutingContextHolder.clear();
    }

    @Test
    void theAlreadyFilteredMarkIsSpringsNameForTheFilterMadeOnceNotPerRequest() throws Exception {
        filter.init(new MockFilterConfig("unitRouterContextFilter"));

        String first = filter.getAlreadyFilteredAttributeName();

        assertThat(first).isEqualTo("unitRouterContextFilter.FILTERED");
        assertThat(filter.getAlreadyFilteredAttributeName()).isSameAs(first);
    }

    @Test
    void aRequestThatPassesTheFilterTwiceIsResolvedOnceAndHasItsContextOnlyWhileItRuns() throws Exception {
        filter.init(new MockFilterConfig("unitRouterContextFilter"));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/accounts/1205");
        request.addHeader("X-User-Id", "1205");
        List<RoutingContext> seen = new ArrayList<>();
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                seen.add(RoutingContextHolder.get());
            }
        };
        // A forward inside the same request runs the filter chain again on the same request object.
        FilterChain again = (req, resp) -> filter.doFilter(req, resp, new MockFilterChain(servlet));

        filter.doFilter(request, new MockHttpServletResponse(), again);

        verify(codec, times(1)).decode(any(), any(), any(String.class));
        assertThat(seen).singleElement().extracting(RoutingContext::key).isEqualTo("1205");
        assertThat(request.getAttribute("unitRouterContextFilter.FILTERED")).isNull();
        assertThat(RoutingContextHolder.get()).isNull();
    }
}
