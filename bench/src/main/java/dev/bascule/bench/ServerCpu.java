package dev.bascule.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time a PostgreSQL server has used, read from {@code /proc/<pid>/stat} of the postmaster and every live
 * process under it: user + system time of each, plus the times of children it has reaped (a backend's time moves into
 * the postmaster's {@code cutime}/{@code cstime} when its session ends). Read before and after a run, the difference is
 * what the server spent on it, backends, checkpointer, WAL writer and autovacuum included. Linux only.
 */
record ServerCpu(long postmasterPid, long ticksPerSecond) {

    /** The server whose data directory holds {@code postmaster.pid}. */
    static ServerCpu of(Path dataDirectory) throws IOException, InterruptedException {
        String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
        return new ServerCpu(Long.parseLong(first), clockTicks());
    }

    /** Seconds of CPU used so far by the server and its processes. */
    double seconds() throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(postmasterPid);
        ProcessHandle.of(postmasterPid).orElseThrow(() -> new IllegalStateException("postmaster " + postmasterPid
                + " is not running")).descendants().forEach(p -> pids.add(p.pid()));
        long ticks = 0;
        for (long pid : pids) {
            ticks += ticks(pid);
        }
        return ticks / (double) ticksPerSecond;
    }

    /** utime + stime + cutime + cstime of one process; 0 when it ended between listing and reading. */
    private static long ticks(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (NoSuchFileException e) {
            return 0;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14 to 17.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes()).strip();
        getconf.waitFor();
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            return 100; // the Linux default
        }
    }
}
