package io.unitrouter.console.config;

import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The operator accounts of {@code unit-router.console.users}. Only bcrypt hashes are accepted as passwords, so that
 * no password sits in a configuration file in clear; a plain or {@code {noop}} password stops the console at start,
 * naming the user.
 */
final class OperatorUsers {

    /** {@code $2a$}, {@code $2b$} or {@code $2y$}, a two-digit cost, and 53 characters of salt and hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern ROLE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private OperatorUsers() {
    }

    /**
     * @param users the configured accounts
     * @return a user store with them; empty when none are configured (the console is then read-only)
     * @throws UnitRouterConfigurationException naming the user whose name, password or roles are not usable
     */
    static InMemoryUserDetailsManager of(Map<String, ConsoleProperties.User> users) {
        List<UserDetails> details = new ArrayList<>();
        users.forEach((name, user) -> details.add(user(name, user)));
        return new InMemoryUserDetailsManager(details);
    }

    private static UserDetails user(String name, ConsoleProperties.User user) {
        String property = "unit-router.console.users." + name;
        if (!NAME.matcher(name).matches()) {
            throw new UnitRouterConfigurationException(property, "'" + name + "' is not a usable user name",
                    "Use letters, digits, '.', '_', '@' or '-', at most 64 characters.", null);
        }
        String hash = user.getPassword() == null ? "" : user.getPassword().trim();
        if (hash.startsWith("{bcrypt}")) {
            hash = hash.substring("{bcrypt}".length());
        }
        if (!BCRYPT.matcher(hash).matches()) {
            throw new UnitRouterConfigurationException(property + ".password", "is not a bcrypt hash (passwords are"
                    + " never configured in clear)", "Hash the password with 'java -jar unit-router-console.jar"
                    + " hash-password' and configure the {bcrypt}... line it prints.", null);
        }
        List<String> roles = user.getRoles() == null ? List.of() : user.getRoles();
        for (String role : roles) {
            if (!ROLE.matcher(role).matches()) {
                throw new UnitRouterConfigurationException(property + ".roles", "role '" + role + "' is not usable",
                        "Use upper-case role names such as " + ConsoleRoles.OPERATOR + ".", null);
            }
        }
        return User.withUsername(name).password("{bcrypt}" + hash).roles(roles.toArray(String[]::new)).build();
    }
}
