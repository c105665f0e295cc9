package dev.bascule.source;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** {@code classpath:} folders inside a jar pass the source contract (folders on disk are covered by the same code). */
class ClasspathSourceContractTest extends MigrationSourceContract {

    @TempDir
    Path tmp;

    private ClassLoader previous;
    private URLClassLoader loader;

    @Override
    protected Location locationWith(Map<String, String> files) throws Exception {
        String folder = "contract_" + UUID.randomUUID().toString().replace("-", "");
        Path jar = tmp.resolve(folder + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String dir : new String[]{folder + "/", folder + "/nested/"}) {
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            for (var file : files.entrySet()) {
                out.putNextEntry(new JarEntry(folder + "/" + file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(folder + "/nested/9_deep.up.sql"));
            out.write("SELECT 9;".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        previous = Thread.currentThread().getContextClassLoader();
        loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, previous);
        Thread.currentThread().setContextClassLoader(loader);
        return Location.parse("classpath:" + folder, tmp);
    }

    @Override
    protected Location missingLocation() {
        return Location.parse("classpath:no/such/folder", tmp);
    }

    @Override
    protected String scheme() {
        return "classpath";
    }

    @AfterEach
    void restoreClassLoader() throws Exception {
        if (loader != null) {
            Thread.currentThread().setContextClassLoader(previous);
            loader.close();
        }
    }
}
