package io.unitrouter.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotations' access modes decide as core's modes of the same name, which the gateway uses. */
class AccessModeTest {

    @Test
    void eachModeDecidesAsCoresModeOfTheSameName() {
        for (AccessMode mode : AccessMode.values()) {
            io.unitrouter.core.request.AccessMode core = io.unitrouter.core.request.AccessMode.valueOf(mode.name());
            for (String method : List.of("GET", "HEAD", "OPTIONS", "TRACE", "POST", "PUT", "DELETE", "PATCH")) {
                assertThat(mode.resolve(method)).as(mode + " " + method).isEqualTo(core.resolve(method));
            }
        }
        assertThat(AccessMode.values()).extracting(AccessMode::name)
                .containsExactlyElementsOf(List.of(io.unitrouter.core.request.AccessMode.values()).stream()
                        .map(Enum::name).toList());
    }
}
