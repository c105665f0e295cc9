package dev.bascule.cli;

import dev.bascule.Bascule;
import dev.bascule.fleet.Fleet;
import dev.bascule.fleet.FleetTargets;
import dev.bascule.lint.LintService;
import dev.bascule.lint.LintUsageException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI is a shell: its classes import the JDK, picocli, the progress-bar library and the facade's public types,
 * nothing else, so that anything the CLI does is something the Java API does (issue 10). The facade's public types
 * are the public classes of the {@code dev.bascule} package, {@link LintService}, {@link Fleet} with
 * {@link FleetTargets}, the errors they throw ({@code dev.bascule.error}, {@link LintUsageException}), and every
 * type reachable from their public signatures.
 */
class CliImportsTest {

    private static final Path CLI_SOURCES = Path.of("src/main/java/dev/bascule/cli");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);
    /** A fully qualified use in code, which an import list would not show. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(dev\\.bascule\\.[a-z][\\w.]*?\\.[A-Z]\\w*)");
    private static final List<String> LIBRARIES = List.of("java.", "javax.", "picocli.", "me.tongfei.progressbar.",
            "dev.bascule.cli.", "dev.bascule.error.");

    @Test
    void cliClassesImportOnlyTheFacadeAndTheirLibraries() throws Exception {
        Set<String> facade = facadeTypes();
        Map<String, Set<String>> offending = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(CLI_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String used : usedTypes(Files.readString(file))) {
                    // An outer class may be imported to name its nested facade type (ScriptExecutor.Result).
                    if (LIBRARIES.stream().noneMatch(used::startsWith) && !facade.contains(used)
                            && facade.stream().noneMatch(t -> t.startsWith(used + "."))) {
                        offending.computeIfAbsent(file.getFileName().toString(), k -> new TreeSet<>()).add(used);
                    }
                }
            }
        }
        assertThat(offending).as("CLI classes using types the facade does not expose: add a facade method instead")
                .isEmpty();
    }

    /** The check can fail: types the CLI once reached around the facade are not facade types. */
    @Test
    void internalTypesAreNotFacadeTypes() throws Exception {
        Set<String> facade = facadeTypes();
        assertThat(facade).contains("dev.bascule.Bascule", "dev.bascule.Settings", "dev.bascule.plan.Plan",
                "dev.bascule.lint.LintOptions", "dev.bascule.trace.TraceReport");
        assertThat(facade).doesNotContain("dev.bascule.config.SettingsResolver", "dev.bascule.trace.TraceJson",
                "dev.bascule.sql.ScriptParser", "dev.bascule.lint.Linter", "dev.bascule.catalog.ManifestWriter");
        assertThat(usedTypes("import dev.bascule.config.SettingsResolver;\nclass X { dev.bascule.sql.Lexer l; }"))
                .containsExactlyInAnyOrder("dev.bascule.config.SettingsResolver", "dev.bascule.sql.Lexer");
    }

    private static Set<String> usedTypes(String source) {
        Set<String> used = new TreeSet<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            used.add(imports.group(1));
        }
        String code = IMPORT.matcher(source).replaceAll("");
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            used.add(qualified.group(1));
        }
        return used;
    }

    /** Names of every type reachable from the facade's public signatures (nested types by their canonical name). */
    private static Set<String> facadeTypes() throws IOException, URISyntaxException {
        Deque<Class<?>> todo = new ArrayDeque<>(rootPackageClasses());
        todo.add(LintService.class);
        todo.add(LintUsageException.class);
        todo.add(Fleet.class);
        todo.add(FleetTargets.class);
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!c.getName().startsWith("dev.bascule.") || !Modifier.isPublic(c.getModifiers()) || !seen.add(c)) {
                continue;
            }
            for (Method m : c.getMethods()) {
                addAll(todo, m.getGenericReturnType());
                for (Type p : m.getGenericParameterTypes()) {
                    addAll(todo, p);
                }
            }
            for (var k : c.getConstructors()) {
                for (Type p : k.getGenericParameterTypes()) {
                    addAll(todo, p);
                }
            }
            for (var f : c.getFields()) {
                addAll(todo, f.getGenericType());
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    addAll(todo, rc.getGenericType());
                }
            }
            todo.addAll(List.of(c.getClasses()));
            if (c.isSealed()) {
                todo.addAll(List.of(c.getPermittedSubclasses()));
            }
        }
        Set<String> names = new HashSet<>();
        for (Class<?> c : seen) {
            names.add(c.getCanonicalName() != null ? c.getCanonicalName() : c.getName());
        }
        return names;
    }

    private static void addAll(Deque<Class<?>> todo, Type type) {
        if (type instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            addAll(todo, p.getRawType());
            for (Type a : p.getActualTypeArguments()) {
                addAll(todo, a);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(b -> addAll(todo, b));
        } else if (type instanceof GenericArrayType g) {
            addAll(todo, g.getGenericComponentType());
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                if (b instanceof Class<?> c) { // not Enum<E>: a bound naming the variable itself would recurse
                    todo.add(c);
                }
            }
        }
    }

    /** The public classes of the {@code dev.bascule} package, from bascule-core's classes folder or jar. */
    private static List<Class<?>> rootPackageClasses() throws IOException, URISyntaxException {
        Path location = Path.of(Bascule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return classesIn(location.resolve("dev/bascule"));
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classesIn(jar.getPath("dev/bascule"));
        }
    }

    private static List<Class<?>> classesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("package-info.class"))
                    .<Class<?>>map(n -> load("dev.bascule." + n.substring(0, n.length() - ".class".length())))
                    .filter(c -> Modifier.isPublic(c.getModifiers()))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, CliImportsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
