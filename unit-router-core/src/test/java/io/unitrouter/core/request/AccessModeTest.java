package io.unitrouter.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.Access;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessModeTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void theSafeMethodsRead(String method) {
        // A method as a server makes it, a new string per request.
        String received = new String(method.toCharArray());
        assertThat(AccessMode.ofMethod(received)).isEqualTo(Access.READ);
        assertThat(AccessMode.AUTO.resolve(received)).isEqualTo(Access.READ);
        assertThat(AccessMode.WRITE.resolve(received)).isEqualTo(Access.WRITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "GOT", "HEAP", "TRACK", "CONNECT", "OPTIONX", "get", "Head", "", "PATCH",
            "DELETE", "PROPFIND"})
    void everyOtherMethodWritesEvenOfTheSameLengthOrInLowerCase(String method) {
        assertThat(AccessMode.ofMethod(method)).isEqualTo(Access.WRITE);
        assertThat(AccessMode.AUTO.resolve(method)).isEqualTo(Access.WRITE);
        assertThat(AccessMode.READ.resolve(method)).isEqualTo(Access.READ);
    }
}
