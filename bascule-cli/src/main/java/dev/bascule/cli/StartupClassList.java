package dev.bascule.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Prints the class list from which the {@code bascule} launcher dumps its class-data-sharing archive, once per jar and
 * JDK ({@code java -Xshare:dump -XX:SharedClassListFile=...}).
 *
 * <p>Why a static archive from a list rather than one recorded at exit of the first run: a recorded archive holds only
 * what that first command loaded (a {@code --version} first left {@code status} and {@code migrate} unshared), and
 * JDK 17 refuses picocli's Java 5 class files in such an archive. The list is
 * <ol>
 *   <li>the running JDK's own default list ({@code lib/classlist}), since a static archive replaces the JDK's;</li>
 *   <li>the JDK and library classes that {@code --version}, {@code --help}, {@code demo} (migrate and status) and
 *       {@code lint} load, and the lambdas they make ({@value #RESOURCE}, recorded by
 *       {@code bench/make-startup-classlist.sh}; the lambda lines are in the recording JDK's format, so the launcher
 *       asks again with {@code --no-lambdas} when a dump refuses them);</li>
 *   <li>every class of this jar under {@link #OWN_PACKAGES}, so that new Bascule classes need no new recording.</li>
 * </ol>
 * Names the JDK cannot find are skipped by the dump, so a list recorded on one JDK serves another.
 */
public final class StartupClassList {

    static final String RESOURCE = "startup-classes.txt";

    static final List<String> OWN_PACKAGES = List.of("dev/bascule/", "picocli/", "org/postgresql/");

    private StartupClassList() {
    }

    /** Arguments: [--no-lambdas] [JAR]; without the recorded lambda lines for a JDK that refuses their format. */
    public static void main(String[] args) throws IOException {
        List<String> rest = new java.util.ArrayList<>(List.of(args));
        boolean lambdas = !rest.remove("--no-lambdas");
        Set<String> lines = new LinkedHashSet<>();
        Path jdkList = Path.of(System.getProperty("java.home"), "lib", "classlist");
        if (Files.isRegularFile(jdkList)) {
            lines.addAll(Files.readAllLines(jdkList, StandardCharsets.UTF_8));
        }
        try (InputStream in = StartupClassList.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#") && (lambdas || !l.startsWith("@"))).forEach(lines::add);
            }
        }
        lines.addAll(ownClasses(Path.of(rest.isEmpty() ? ownJar() : rest.get(0))));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        lines.forEach(out::println);
        out.flush();
    }

    private static String ownJar() {
        try {
            return Path.of(StartupClassList.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class file of {@code jar} under the own packages, as a class-list name ({@code dev/bascule/cli/Main}). */
    static List<String> ownClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && OWN_PACKAGES.stream().anyMatch(n::startsWith))
                    .map(n -> n.substring(0, n.length() - ".class".length())).toList();
        }
    }
}
