package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class UnitRouterCellBackgroundPreinitializerTest {

    @Test
    void isRunByBootsBackgroundPreinitialisation() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BackgroundPreinitializer.class))
                .hasAtLeastOneElementOfType(UnitRouterCellBackgroundPreinitializer.class);
    }

    @Test
    void everyClassItNamesExists() {
        ClassLoader loader = getClass().getClassLoader();

        for (String type : UnitRouterCellBackgroundPreinitializer.SERVLET_REQUEST) {
            assertThatCode(() -> Class.forName(type, false, loader)).as(type).doesNotThrowAnyException();
        }
        for (String type : UnitRouterCellBackgroundPreinitializer.CLIENT_TYPES) {
            assertThatCode(() -> Class.forName(type, false, loader)).as(type).doesNotThrowAnyException();
        }
    }

    @Test
    void warmsUpWithoutFailing() {
        assertThatCode(UnitRouterCellBackgroundPreinitializer::warmUp).doesNotThrowAnyException();
    }
}
