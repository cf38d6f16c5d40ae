package io.unitrouter.console.config;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may do what. Reading is open: every GET, and validating a draft document. Everything else (execute, resume
 * and abort a failover, publish rules, and any endpoint added later) needs a logged-in user with the
 * {@value ConsoleRoles#OPERATOR} role, and a CSRF token from the session. Log-in is a form at {@code /login.html};
 * the JSON API answers 401 instead of redirecting. The content security policy allows only the console's own
 * scripts and styles: nothing is loaded from elsewhere.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /** The console's filter chain. */
    @Bean
    public SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/rules/validate").permitAll()
                        .anyRequest().hasRole(ConsoleRoles.OPERATOR))
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", false).failureUrl("/login.html?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(apiEntryPoint(), api))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    /** 401 with a problem body, rather than a redirect to the log-in page, for the JSON API. */
    private static AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, e) -> {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"log in as an operator to do this\",\"instance\":\"" + request.getRequestURI()
                    .replace("\\", "").replace("\"", "") + "\"}");
        };
    }

    /** The operators of {@code unit-router.console.users}; none means a read-only console. */
    @Bean
    public UserDetailsService consoleUsers(ConsoleProperties properties) {
        return OperatorUsers.of(properties.getUsers());
    }

    /** Reads {@code {bcrypt}} hashes. */
    @Bean
    public PasswordEncoder consolePasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
