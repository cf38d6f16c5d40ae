package io.unitrouter.sample.bank.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the bank's executable jars are, below the repository's root. */
final class Executables {

    static final String CELL = "sample-bank-app/bank-cell/target/bank-cell-exec.jar";
    static final String GATEWAY = "sample-bank-app/bank-gateway/target/bank-gateway-exec.jar";
    static final String CONSOLE = "unit-router-console/target/unit-router-console.jar";

    private Executables() {
    }

    /** The repository root: the working directory or one of its parents, else the one holding this jar. */
    static Path findHome() {
        Path here = Path.of("").toAbsolutePath();
        Optional<Path> found = upwards(here);
        if (found.isEmpty()) {
            try {
                Path jar = Path.of(Executables.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                found = upwards(jar);
            } catch (URISyntaxException | RuntimeException e) {
                // Not loaded from a file; the working directory's answer stands.
            }
        }
        return found.orElse(here);
    }

    private static Optional<Path> upwards(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-bank-app"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * An executable below the root.
     *
     * @throws IllegalStateException saying how to build it, when it is missing
     */
    static Path require(Path home, String relative) {
        Path jar = home.resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first: ./mvnw -q -pl sample-bank-app/bank-demo"
                    + " -am package -DskipTests");
        }
        return jar;
    }

    /**
     * The jar unpacked with Spring Boot's {@code jarmode=tools extract} next to it ({@code target/extracted/}),
     * reused while it is newer than the jar. An unpacked application loads its classes from plain jars, which
     * starts it markedly faster than from the nested jars of the executable, and lets it use a class data
     * sharing archive.
     *
     * @return the unpacked application's jar, to run with {@code java -jar}
     */
    static Path extracted(Path jar) {
        Path dir = jar.resolveSibling("extracted");
        Path app = dir.resolve(jar.getFileName());
        try {
            if (Files.isRegularFile(app) && Files.getLastModifiedTime(app).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return app;
            }
            Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination", dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (extract.waitFor() != 0 || !Files.isRegularFile(app)) {
                return jar;
            }
            Files.deleteIfExists(cdsArchive(app));
            return app;
        } catch (IOException e) {
            return jar;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return jar;
        }
    }

    /** Where the class data sharing archive of an unpacked application is kept. */
    static Path cdsArchive(Path app) {
        return app.resolveSibling(app.getFileName().toString().replace(".jar", ".jsa"));
    }

    /** The operator console's jar, if it has been built. */
    static Optional<Path> console(Path home) {
        Path jar = home.resolve(CONSOLE);
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }
}
