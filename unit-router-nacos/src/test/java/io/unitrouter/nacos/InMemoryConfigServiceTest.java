package io.unitrouter.nacos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alibaba.nacos.api.config.listener.AbstractListener;
import com.alibaba.nacos.api.config.listener.Listener;
import com.alibaba.nacos.api.exception.NacosException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake must behave like the server where the Nacos rule store relies on it. */
class InMemoryConfigServiceTest {

    private final InMemoryConfigService nacos = new InMemoryConfigService();
    private final List<ExecutorService> executors = new ArrayList<>();

    @AfterEach
    void shutDown() {
        nacos.shutDown();
        executors.forEach(ExecutorService::shutdownNow);
    }

    /** Records what it hears and on which thread. */
    private static class Recording extends AbstractListener {
        final List<String> contents = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void receiveConfigInfo(String configInfo) {
            contents.add(String.valueOf(configInfo));
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void md5IsLowercaseHexOfTheUtf8Content() {
        assertThat(InMemoryConfigService.md5("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(InMemoryConfigService.md5("é")).isEqualTo("66ddcd97cfdeabb2f6fb8a999b4bc76f");
        assertThat(NacosRuleStore.md5Hex("epoch: 1")).isEqualTo(InMemoryConfigService.md5("epoch: 1"))
                .isEqualTo("e5c2c74d5a4e087bcf407bf51705f7f7");
    }

    @Test
    void casPublishFailsOnAnMd5MismatchAndSucceedsOnAMatch() throws Exception {
        assertThat(nacos.publishConfigCas("d", "g", "one", InMemoryConfigService.md5(""), "text")).isTrue();

        assertThat(nacos.publishConfigCas("d", "g", "two", InMemoryConfigService.md5("other"), "text")).isFalse();
        assertThat(nacos.getConfig("d", "g", 100)).isEqualTo("one");
        assertThat(nacos.publishConfigCas("d", "g", "two", InMemoryConfigService.md5("one"), "yaml")).isTrue();
        assertThat(nacos.getConfig("d", "g", 100)).isEqualTo("two");
        assertThat(nacos.type("d", "g")).isEqualTo("yaml");
    }

    @Test
    void listenersHearChangesAsynchronouslyOnTheirExecutorOrTheNotificationThread() throws Exception {
        ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "listener-own-executor"));
        executors.add(own);
        Recording withExecutor = new Recording() {
            @Override
            public Executor getExecutor() {
                return own;
            }
        };
        Recording without = new Recording();
        nacos.addListener("d", "g", withExecutor);
        nacos.addListener("d", "g", without);

        nacos.publishConfig("d", "g", "one");
        nacos.publishConfig("d", "g", "one");
        nacos.removeConfig("d", "g");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(withExecutor.contents).containsExactly("one", "null");
            assertThat(without.contents).containsExactly("one", "null");
        });
        assertThat(withExecutor.threads).containsOnly("listener-own-executor");
        assertThat(without.threads).containsOnly("in-memory-nacos-notifier");
    }

    @Test
    void aDownServerFailsServerCallsButStillRegistersListenersAndResyncsThemWhenBack() throws Exception {
        nacos.publishConfig("d", "g", "one");
        nacos.serverDown();
        Recording listener = new Recording();

        assertThat(nacos.getServerStatus()).isEqualTo("DOWN");
        assertThatThrownBy(() -> nacos.getConfig("d", "g", 100)).isInstanceOf(NacosException.class)
                .extracting(e -> ((NacosException) e).getErrCode()).isEqualTo(NacosException.CLIENT_DISCONNECT);
        assertThatThrownBy(() -> nacos.publishConfig("d", "g", "two")).isInstanceOf(NacosException.class);
        assertThatThrownBy(() -> nacos.getConfigAndSignListener("d", "g", 100, listener))
                .isInstanceOf(NacosException.class);
        assertThat(nacos.listenerCount("d", "g")).isZero();
        nacos.addListener("d", "g", listener);
        assertThat(nacos.listenerCount("d", "g")).isEqualTo(1);

        nacos.serverUp();

        assertThat(nacos.getServerStatus()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.contents.equals(List.of("one")));
    }

    @Test
    void removedListenersHearNothingMore() throws Exception {
        Listener listener = new Recording();
        nacos.addListener("d", "g", listener);

        nacos.removeListener("d", "g", listener);
        nacos.publishConfig("d", "g", "one");
        nacos.awaitNotifications();

        assertThat(((Recording) listener).contents).isEmpty();
        assertThat(nacos.listenerCount("d", "g")).isZero();
    }

    @Test
    void dataIdsAndGroupsAreCheckedLikeTheClientChecksThem() throws Exception {
        assertThatThrownBy(() -> nacos.getConfig("a/b", "g", 100)).isInstanceOf(NacosException.class)
                .hasMessageContaining("dataId invalid");
        assertThatThrownBy(() -> nacos.publishConfig("d", "g", " ")).isInstanceOf(NacosException.class)
                .hasMessageContaining("content invalid");
        nacos.publishConfig("d", null, "one");
        assertThat(nacos.getConfig("d", InMemoryConfigService.DEFAULT_GROUP, 100)).isEqualTo("one");
    }
}
