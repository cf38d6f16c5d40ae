package io.unitrouter.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class OperatorUsersTest {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("s3cret");

    private static ConsoleProperties.User user(String password, List<String> roles) {
        ConsoleProperties.User user = new ConsoleProperties.User();
        user.setPassword(password);
        if (roles != null) {
            user.setRoles(roles);
        }
        return user;
    }

    @Test
    void aBcryptHashLogsInWithTheOperatorRoleByDefault() {
        var users = OperatorUsers.of(Map.of("alice", user("{bcrypt}" + HASH, null), "carol", user(HASH, List.of())));

        assertThat(users.loadUserByUsername("alice").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_OPERATOR");
        assertThat(users.loadUserByUsername("carol").getAuthorities()).isEmpty();
        assertThat(users.loadUserByUsername("carol").getPassword()).isEqualTo("{bcrypt}" + HASH);
    }

    @Test
    void aPasswordInClearStopsTheConsoleNamingTheUser() {
        assertThatThrownBy(() -> OperatorUsers.of(Map.of("alice", user("s3cret", null))))
                .isInstanceOf(UnitRouterConfigurationException.class)
                .hasMessage("unit-router.console.users.alice.password: is not a bcrypt hash (passwords are never"
                        + " configured in clear)");
        assertThatThrownBy(() -> OperatorUsers.of(Map.of("bob", user("{noop}s3cret", null))))
                .hasMessageContaining("unit-router.console.users.bob.password");
        assertThatThrownBy(() -> OperatorUsers.of(Map.of("dave", user(null, null))))
                .hasMessageContaining("unit-router.console.users.dave.password");
    }

    @Test
    void aRoleThatIsNotUpperCaseIsRefused() {
        assertThatThrownBy(() -> OperatorUsers.of(Map.of("alice", user(HASH, List.of("ROLE_operator ")))))
                .hasMessageContaining("unit-router.console.users.alice.roles: role 'ROLE_operator ' is not usable");
    }
}
