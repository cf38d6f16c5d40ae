package io.unitrouter.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import io.unitrouter.core.key.AmbiguousKeyException;
import io.unitrouter.core.key.FoundKey;
import io.unitrouter.core.key.KeySourceException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefusalTest {

    @Test
    void everyRefusalHasOneTypeUnderTheProblemBaseAndARefusingStatus() {
        assertThat(Arrays.stream(Refusal.values()).map(Refusal::type)).doesNotHaveDuplicates()
                .allMatch(type -> type.startsWith("https://unit-router.io/problems/"));
        assertThat(Refusal.values()).allMatch(r -> r.status() >= 400 && r.status() < 600 && !r.title().isBlank());
        assertThat(Refusal.FROZEN.type()).isEqualTo("https://unit-router.io/problems/frozen");
        assertThat(Refusal.FROZEN.status()).isEqualTo(503);
        assertThat(Refusal.BAD_SIGNATURE.status()).isEqualTo(403);
        assertThat(Refusal.MISDIRECTED.status()).isEqualTo(421);
    }

    @Test
    void failuresMapToTheirRefusal() {
        assertThat(Refusal.of(new AmbiguousKeyException("header:A", "5", "x"))).isEqualTo(Refusal.AMBIGUOUS_KEY);
        assertThat(Refusal.of(new MalformedKeyException("x", "y"))).isEqualTo(Refusal.MALFORMED_KEY);
        assertThat(Refusal.of(new KeySourceException("bean:b", new IllegalStateException())))
                .isEqualTo(Refusal.MALFORMED_KEY);
        assertThat(Refusal.of(new ContextVerificationException(Reason.BAD_SIGNATURE, "x")))
                .isEqualTo(Refusal.BAD_SIGNATURE);
        assertThat(Refusal.of(new ContextVerificationException(Reason.UNSIGNED, "x"))).isEqualTo(Refusal.UNSIGNED);
        assertThat(Refusal.of(new ContextVerificationException(Reason.MALFORMED, "x")))
                .isEqualTo(Refusal.MALFORMED_CONTEXT);
        assertThat(Refusal.of(new UnitRouterException("no GZone"))).isEqualTo(Refusal.UNROUTABLE);
    }

    @Test
    void aContextForOneKeyDoesNotServeARequestNamingAnother() {
        KeyAgreement.require("1005", new FoundKey("path-variable:userId", "1005"));
        KeyAgreement.require(null, new FoundKey("path-variable:userId", "1005"));
        KeyAgreement.require("1025", null);

        assertThatThrownBy(() -> KeyAgreement.require("1025", new FoundKey("path-variable:userId", "1005")))
                .isInstanceOfSatisfying(RefusedRequestException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.KEY_MISMATCH))
                .hasMessage("the routing context is for key '1025', but path-variable:userId gives '1005'");
    }
}
