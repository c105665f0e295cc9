package dev.bascule.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * {@code classpath:db/migrations}: migrations packaged with the application, in a folder of the class path or
 * inside a jar (a Spring Boot fat jar included: its nested jars are read through {@link JarURLConnection}, which
 * Boot's URL handler supports). Several class-path roots holding the folder are merged; the first holding a name
 * wins, as with folders.
 */
public final class ClasspathSourceProvider implements MigrationSourceProvider {

    @Override
    public String scheme() {
        return Location.CLASSPATH;
    }

    @Override
    public MigrationSource open(Location location, SourceSettings settings, boolean secret) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new ClasspathSource(location, loader != null ? loader : ClasspathSourceProvider.class.getClassLoader(), secret);
    }

    /** One class-path folder; listing reads the jar directories, opening reads one resource. */
    static final class ClasspathSource implements MigrationSource {

        private final Location location;
        private final ClassLoader loader;
        private final boolean secret;

        ClasspathSource(Location location, ClassLoader loader, boolean secret) {
            this.location = location;
            this.loader = loader;
            this.secret = secret;
        }

        @Override
        public Location location() {
            return location;
        }

        @Override
        public boolean secret() {
            return secret;
        }

        private String folder() {
            return location.value().isEmpty() ? "" : location.value() + "/";
        }

        @Override
        public List<SourceEntry> list() throws IOException {
            List<URL> roots = Collections.list(loader.getResources(location.value()));
            if (roots.isEmpty()) {
                throw new NoSuchFileException(location.uri(), null, "no such folder on the class path: check the"
                        + " location, and that the migrations are packaged with the application (src/main/resources)");
            }
            Map<String, SourceEntry> entries = new LinkedHashMap<>();
            for (URL root : roots) {
                for (SourceEntry entry : listRoot(root)) {
                    entries.putIfAbsent(entry.name(), entry);
                }
            }
            List<SourceEntry> sorted = new ArrayList<>(entries.values());
            sorted.sort(Comparator.comparing(SourceEntry::name));
            return sorted;
        }

        private List<SourceEntry> listRoot(URL root) throws IOException {
            List<SourceEntry> out = new ArrayList<>();
            if ("file".equals(root.getProtocol())) {
                Path dir;
                try {
                    dir = Path.of(root.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("cannot read class-path folder " + root + ": " + e.getMessage(), e);
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(file)) {
                            out.add(new SourceEntry(file.getFileName().toString(), Files.size(file)));
                        }
                    }
                }
                return out;
            }
            URLConnection connection = root.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                throw new IOException("cannot list class-path folder " + root + ": only folders and jars can be listed");
            }
            connection.setUseCaches(false);
            String prefix = folder();
            try (JarFile file = jar.getJarFile()) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                        out.add(new SourceEntry(name.substring(prefix.length()), entry.getSize()));
                    }
                }
            }
            return out;
        }

        @Override
        public InputStream open(String name) throws IOException {
            if (name.contains("/") || name.contains("\\")) {
                throw new NoSuchFileException(name, null, "not a file directly inside " + location.uri());
            }
            InputStream in = loader.getResourceAsStream(folder() + name);
            if (in == null) {
                throw new NoSuchFileException(location.fileDisplay(name));
            }
            return in;
        }

        @Override
        public InputStream openRelative(String relativePath) throws IOException {
            if (relativePath.startsWith("/") || relativePath.contains("\\") || relativePath.startsWith("../")
                    || relativePath.contains("/../") || relativePath.equals("..")) {
                throw new NoSuchFileException(relativePath, null, "not a file inside " + location.uri());
            }
            InputStream in = loader.getResourceAsStream(folder() + relativePath);
            if (in == null) {
                throw new NoSuchFileException(location.fileDisplay(relativePath));
            }
            return in;
        }

        @Override
        public String toString() {
            return location.uri();
        }
    }
}
