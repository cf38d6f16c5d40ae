package io.unitrouter.sharding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.shardingsphere.infra.config.mode.ModeConfiguration;
import org.junit.jupiter.api.Test;

/** Each data source's metadata repository is its own, across class loaders too. */
class PrivateMetadataModeTest {

    @Test
    void applicationsRestartedInNewClassLoadersNeverShareAMetadataRepository() throws Exception {
        // Two fresh loaders stand for an application and its restart (dev tools, a redeployed web application):
        // each loads the class anew, so anything counted in a static field starts over.
        assertThat(firstUrlInAFreshClassLoader()).isNotEqualTo(firstUrlInAFreshClassLoader());
    }

    @Test
    void twoDataSourcesInOneClassLoaderGetTwoRepositories() {
        assertThat(url(PrivateMetadataMode.create())).isNotEqualTo(url(PrivateMetadataMode.create()))
                .startsWith("jdbc:h2:mem:");
    }

    private static String firstUrlInAFreshClassLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        urls.add(PrivateMetadataMode.class.getProtectionDomain().getCodeSource().getLocation());
        urls.add(ModeConfiguration.class.getProtectionDomain().getCodeSource().getLocation());
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> mode = loader.loadClass(PrivateMetadataMode.class.getName());
            assertThat(mode).isNotSameAs(PrivateMetadataMode.class);
            Object configuration = mode.getMethod("create").invoke(null);
            Object repository = configuration.getClass().getMethod("getRepository").invoke(configuration);
            Object props = repository.getClass().getMethod("getProps").invoke(repository);
            return ((Properties) props).getProperty("jdbc_url");
        }
    }

    private static String url(ModeConfiguration configuration) {
        return configuration.getRepository().getProps().getProperty("jdbc_url");
    }
}
