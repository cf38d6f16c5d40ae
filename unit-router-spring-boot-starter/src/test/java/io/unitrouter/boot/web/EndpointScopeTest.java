package io.unitrouter.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.Access;
import io.unitrouter.core.Scope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scope an endpoint declares, and the access that follows from it. */
class EndpointScopeTest {

    @Test
    void methodAnnotationWinsOverTheClassAnnotation() throws Exception {
        assertThat(scopeOf(UnitController.class, "global")).isEqualTo(
                new EndpointScope(Scope.GLOBAL, AccessMode.READ, true));
        assertThat(scopeOf(UnitController.class, "city")).isEqualTo(
                new EndpointScope(Scope.CITY, AccessMode.AUTO, true));
        assertThat(scopeOf(UnitController.class, "normal")).isEqualTo(EndpointScope.NORMAL);
    }

    @Test
    void unannotatedMethodTakesTheClassAnnotation() throws Exception {
        assertThat(scopeOf(UnitController.class, "plain")).isEqualTo(
                new EndpointScope(Scope.UNIT, AccessMode.WRITE, true));
    }

    @Test
    void unannotatedMethodOfAnUnannotatedClassIsUndeclared() throws Exception {
        EndpointScope scope = scopeOf(PlainController.class, "plain");
        assertThat(scope).isSameAs(EndpointScope.UNDECLARED);
        assertThat(scope.declared()).isFalse();
        assertThat(scope.scope()).isNull();
    }

    @Test
    void annotationOnAMethodOfAnUnannotatedClassIsRead() throws Exception {
        assertThat(scopeOf(PlainController.class, "unit")).isEqualTo(
                new EndpointScope(Scope.UNIT, AccessMode.AUTO, true));
    }

    @Test
    void normalScopedIsDeclaredWithoutAScope() throws Exception {
        EndpointScope scope = scopeOf(PlainController.class, "normal");
        assertThat(scope).isSameAs(EndpointScope.NORMAL);
        assertThat(scope.declared()).isTrue();
        assertThat(scope.scope()).isNull();
    }

    @Test
    void anEndpointsScopeIsReadOnceNotOnEveryRequest() throws Exception {
        Method method = UnitController.class.getDeclaredMethod("plain");

        EndpointScope first = EndpointScope.of(method, UnitController.class);

        assertThat(EndpointScope.of(method, UnitController.class)).isSameAs(first);
    }

    @Test
    void aMethodInheritedByTwoControllersTakesEachOnesClassScope() throws Exception {
        Method inherited = BaseController.class.getDeclaredMethod("balance");

        assertThat(EndpointScope.of(inherited, UnitBaseController.class)).isEqualTo(
                new EndpointScope(Scope.UNIT, AccessMode.AUTO, true));
        assertThat(EndpointScope.of(inherited, GlobalBaseController.class)).isEqualTo(
                new EndpointScope(Scope.GLOBAL, AccessMode.AUTO, true));
    }

    @Test
    void metaAnnotationIsFound() throws Exception {
        assertThat(scopeOf(PlainController.class, "ledgerWrite")).isEqualTo(
                new EndpointScope(Scope.UNIT, AccessMode.WRITE, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void autoAccessReadsForSafeMethods(String method) {
        assertThat(AccessMode.AUTO.resolve(method)).isEqualTo(Access.READ);
        assertThat(AccessMode.ofMethod(method)).isEqualTo(Access.READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "PROPFIND"})
    void autoAccessWritesForEveryOtherMethod(String method) {
        assertThat(AccessMode.AUTO.resolve(method)).isEqualTo(Access.WRITE);
        assertThat(AccessMode.ofMethod(method)).isEqualTo(Access.WRITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void explicitAccessIgnoresTheMethod(String method) {
        assertThat(AccessMode.READ.resolve(method)).isEqualTo(Access.READ);
        assertThat(AccessMode.WRITE.resolve(method)).isEqualTo(Access.WRITE);
    }

    static EndpointScope scopeOf(Class<?> type, String method) throws NoSuchMethodException {
        Method handler = type.getDeclaredMethod(method);
        return EndpointScope.of(handler, type);
    }

    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @UnitScoped(access = AccessMode.WRITE)
    @interface LedgerWrite {
    }

    @UnitScoped(access = AccessMode.WRITE)
    static class UnitController {
        @GlobalScoped(access = AccessMode.READ)
        void global() {
        }

        @CityScoped
        void city() {
        }

        @NormalScoped
        void normal() {
        }

        void plain() {
        }
    }

    static class PlainController {
        void plain() {
        }

        @UnitScoped
        void unit() {
        }

        @NormalScoped
        void normal() {
        }

        @LedgerWrite
        void ledgerWrite() {
        }
    }

    static class BaseController {

        void balance() {
        }
    }

    @UnitScoped
    static class UnitBaseController extends BaseController {
    }

    @GlobalScoped
    static class GlobalBaseController extends BaseController {
    }
}
