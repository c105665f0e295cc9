package dev.bascule.fizz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every fizz file of MilMove's real migration tree translates, and known files translate to known SQL. */
class FizzCorpusTest {

    private static MilmoveCorpus corpus() {
        var corpus = MilmoveCorpus.locate();
        Assumptions.assumeTrue(corpus.isPresent(), MilmoveCorpus.ABSENT);
        return corpus.get();
    }

    @Test
    void everyCorpusFizzFileTranslates() throws IOException {
        MilmoveCorpus corpus = corpus();
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus.schemaDir())) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".fizz")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int statements = 0;
        long started = System.nanoTime();
        for (Path file : files) {
            try {
                List<String> sql = FizzTranslator.statements(file.getFileName().toString(), MilmoveCorpus.read(file));
                assertThat(sql).as(file.toString()).isNotEmpty().allSatisfy(s -> assertThat(s).endsWith(";"));
                statements += sql.size();
            } catch (FizzSyntaxError e) {
                failures.add(e.getMessage());
            }
        }
        System.out.printf("fizz corpus: %d files, %d statements, read and translated in %d ms (first pass, cold JVM)%n",
                files.size(), statements, (System.nanoTime() - started) / 1_000_000);
        assertThat(failures).isEmpty();
        long manifestFizz = corpus.legacyManifestByVersion().stream().filter(n -> n.endsWith(".fizz")).count();
        assertThat(files).hasSize((int) manifestFizz);
    }

    @Test
    void knownCorpusFilesTranslateToTheirSql() {
        MilmoveCorpus corpus = corpus();
        assertThat(translate(corpus, "20180103215841_create_issues.up.fizz")).isEqualTo("""
                CREATE TABLE "issues" (
                PRIMARY KEY("id"),
                "id" UUID NOT NULL,
                "body" text NOT NULL,
                "created_at" timestamp NOT NULL,
                "updated_at" timestamp NOT NULL
                );""");
        assertThat(translate(corpus, "20190131194835_create_shipment_recalculate_logs.up.fizz")).isEqualTo("""
                CREATE TABLE "shipment_recalculate_logs" (
                PRIMARY KEY("id"),
                "id" UUID NOT NULL,
                "shipment_id" UUID NOT NULL,
                "created_at" timestamp NOT NULL,
                "updated_at" timestamp NOT NULL
                );
                ALTER TABLE shipment_recalculate_logs ADD CONSTRAINT shipment_recalculate_logs_shipments_id_fk \
                FOREIGN KEY (shipment_id) REFERENCES shipments (id);""");
    }

    private static String translate(MilmoveCorpus corpus, String name) {
        return FizzTranslator.translate(name, MilmoveCorpus.read(corpus.schemaDir().resolve(name)));
    }
}
