package org.rnnlab.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster on this machine, on loopback only: one master and one worker, each a JVM
 * of its own started from the Spark classes on the test classpath, as {@code sbin/start-master.sh} and
 * {@code sbin/start-worker.sh} would from a Spark distribution. The worker starts each application's
 * executors as further JVMs; the classpath they get is the jars folder of {@code SPARK_HOME}, which here
 * is a folder of links to the test classpath's jars, plus the application's
 * {@code spark.executor.extraClassPath}.
 */
final class LoopbackCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    final Path home;
    final String masterUrl;
    private final List<Process> processes = new ArrayList<>();

    private LoopbackCluster(Path home, String masterUrl) {
        this.home = home;
        this.masterUrl = masterUrl;
    }

    /** Starts a master and a worker with {@code cores} cores; returns once the master accepts connections. */
    static LoopbackCluster start(Path folder, int cores) throws IOException, InterruptedException {
        Path home = folder.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : classpath()) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        Files.createDirectories(home.resolve("conf"));
        int port = freePort();
        LoopbackCluster cluster = new LoopbackCluster(home, "spark://" + LOOPBACK + ":" + port);
        try {
            cluster.launch(folder.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
            cluster.awaitPort(port, Duration.ofSeconds(60), folder.resolve("master.log"));
            cluster.launch(folder.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
                    "--cores", Integer.toString(cores), "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", Files.createDirectories(folder.resolve("work")).toString(), cluster.masterUrl);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(List.of(System.getProperty("rnnlab.spark.add-opens", "").trim().split("\\s+")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        command.removeIf(String::isEmpty);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        builder.environment().put("SPARK_LOCAL_HOSTNAME", LOOPBACK);
        builder.environment().put("SPARK_CONF_DIR", home.resolve("conf").toString());
        // Spark's launcher looks for build folders to learn the Scala version unless told.
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        processes.add(builder.start());
    }

    static List<String> classpath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port, Duration limit, Path log) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try (java.net.Socket s = new java.net.Socket(LOOPBACK, port)) {
                return;
            } catch (IOException e) {
                for (Process p : processes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("The Spark master exited with " + p.exitValue() + ":\n"
                                + Files.readString(log));
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("The Spark master did not listen on port " + port + " within " + limit
                + ":\n" + Files.readString(log));
    }

    /** Stops the worker (and with it its executors) and the master. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }
}
