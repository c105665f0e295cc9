package dev.bascule.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimedProcessTest {

    @TempDir
    Path dir;

    @Test
    void measuresAProcessFromStartToExit() throws Exception {
        TimedProcess.Run run = TimedProcess.run(List.of("sh", "-c", "sleep 0.3; echo done"), dir, dir.resolve("ok.log"),
                Duration.ofSeconds(30));
        assertThat(run.millis()).isGreaterThanOrEqualTo(300);
        assertThat(TimedProcess.tail(run.log(), 5)).isEqualTo("done");
    }

    @Test
    void aFailingProcessFailsTheBenchmarkWithItsOutput() {
        assertThatThrownBy(() -> TimedProcess.run(List.of("sh", "-c", "echo 'psql: error: boom' >&2; exit 3"), dir,
                dir.resolve("fail.log"), Duration.ofSeconds(30)))
                .hasMessageContaining("exit code 3").hasMessageContaining("psql: error: boom").hasMessageContaining("fail.log");
    }

    @Test
    void aProcessPastItsLimitIsKilled() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> TimedProcess.run(List.of("sleep", "30"), dir, dir.resolve("slow.log"), Duration.ofSeconds(1)))
                .hasMessageContaining("still running after 1 s, killed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
