package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.report.AxisLabels;
import org.rnnlab.experiments.report.StudyReport;
import org.rnnlab.experiments.study.ResultRow;
import org.rnnlab.experiments.study.Study;
import org.rnnlab.experiments.study.StudyEngine;
import org.rnnlab.experiments.study.StudyEngineProvider;
import org.rnnlab.experiments.study.StudyFolderException;
import org.rnnlab.experiments.study.StudyPresets;
import org.rnnlab.experiments.study.StudyResult;
import org.rnnlab.experiments.study.StudyRunner;
import org.rnnlab.experiments.study.StudyTables;
import org.rnnlab.experiments.study.SummaryRow;
import org.rnnlab.params.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rnnlab study SPEC}: a comparative study (docs/studies.md) run on a pool of workers into a folder. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run a study: an experiment spec over a grid of changes and a list of seeds, on a pool of "
                + "workers, into a folder with study.json, journal.jsonl, runs/<id>/, results.csv, summary.csv "
                + "and report.html/report.md with figures (docs/studies.md, docs/reports.md).",
            "A bad spec prints every problem and exits with 2; a run that fails (throws) makes the exit status 1, "
                + "the other runs go on. An interrupted study continues with --resume."})
final class StudyCommand implements Callable<Integer> {
    @ParentCommand
    RnnlabCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
            description = "The study spec file (JSON, or YAML for .yaml/.yml).")
    Path specFile;

    @Option(names = "--preset", paramLabel = "NAME", description = "Run a study shipped with rnnlab instead of a file.")
    String preset;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The study's folder. Default: studies/<study>-<timestamp>.")
    Path out;

    @Option(names = "--workers", paramLabel = "N",
            description = "Runs trained at once, each on one thread. Default: the available processors.")
    Integer workers;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = StudyEngineProvider.LOCAL,
            description = "What trains the runs: local (a pool of --workers on this machine, the default) or spark "
                    + "(one Spark task per run; needs the spark module, docs/cluster.md).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: Spark's master, e.g. spark://host:7077. Default: Spark embedded "
                    + "in this process (local[*]).")
    String master;

    @Option(names = "--resume", description = "Continue the study in --out DIR: rerun only the runs not finished.")
    boolean resume;

    @Option(names = "--scale", paramLabel = "NAME", description = "Apply one of the study's scales (its seeds, set, grid).")
    String scale;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Change a field of the base experiment, e.g. budget.updates=2000. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Cli cli = parent.cli;
        if ((specFile == null) == (preset == null)) {
            throw new UsageException(specFile == null ? "give a study spec file or --preset NAME"
                    : "give a study spec file or --preset NAME, not both");
        }
        if (workers != null && workers < 1) {
            throw new UsageException("--workers must be >= 1, found " + workers);
        }
        StudyEngine studyEngine = studyEngine();
        if (resume && out == null) {
            throw new UsageException("--resume needs --out DIR, the folder of the study to resume");
        }
        if (preset != null && !StudyPresets.exists(preset)) {
            throw new UsageException(StudyPresets.unknown(preset));
        }
        String source = specFile != null ? specFile.toString() : "preset " + preset;
        Study study;
        try {
            if (specFile != null) {
                try {
                    study = Study.load(cli.workingDirectory.resolve(specFile), scale, sets, cli.registries);
                } catch (NoSuchFileException e) {
                    throw new UsageException("cannot read study spec file " + specFile + ": no such file");
                }
            } else {
                study = StudyPresets.load(preset, scale, sets, cli.registries);
            }
        } catch (InvalidSpecException e) {
            cli.printProblems(source, e.problems());
            return Cli.USAGE;
        }
        Path directory = out != null ? cli.workingDirectory.resolve(out) : defaultDirectory(cli.workingDirectory, study);
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        String where = studyEngine != null ? "the " + engine + " engine" + (master == null ? "" : " at " + master)
                : n + (n == 1 ? " worker" : " workers");
        return runAndReport(cli, study, scale, directory, where,
                new StudyRunner(cli.registries).workers(n).resume(resume), studyEngine);
    }

    /**
     * Runs a loaded study into {@code directory} with progress, writes its tables and report, and
     * prints the table of solved runs and where the report is; what {@code rnnlab study} and
     * {@code rnnlab demo} share.
     *
     * @param where how the runs are trained, for the first line ({@code 2 workers})
     * @param studyEngine another engine than the local pool, or null
     * @return the exit status
     */
    static int runAndReport(Cli cli, Study study, String scale, Path directory, String where, StudyRunner runner,
            StudyEngine studyEngine) throws IOException {
        PrintWriter w = cli.out;
        int runs = study.plan().runs().size();
        w.println("rnnlab: study " + study.plan().spec().get("study") + (scale == null ? "" : " at scale " + scale) + ": "
                + runs + (runs == 1 ? " run" : " runs") + " into " + directory + " on " + where);
        w.flush();
        StudyProgress progress = new StudyProgress(w, cli.terminal);
        StudyResult result;
        try {
            runner.listener(progress);
            if (studyEngine != null) {
                runner.engine(studyEngine);
            }
            result = runner.run(study, directory);
        } catch (StudyFolderException e) {
            cli.err.println("rnnlab: " + e.getMessage());
            return Cli.USAGE;
        }
        progress.finish();
        w.println("wrote " + result.results() + " and " + result.summaryFile());
        w.print(table(result));
        Path html = StudyReport.write(directory);
        w.println("report: " + html);
        w.flush();
        long failed = result.count(ResultRow.FAILED);
        if (failed > 0) {
            cli.err.println("rnnlab: " + failed + (failed == 1 ? " run" : " runs") + " failed; see the message column of "
                    + result.results());
            return Cli.FAILED;
        }
        return Cli.OK;
    }

    /**
     * The engine {@code --engine} names, or null for the local pool. Only another engine's provider is
     * looked up, so the local pool never loads an engine's classes (Spark's).
     */
    private StudyEngine studyEngine() {
        if (engine.equals(StudyEngineProvider.LOCAL)) {
            if (master != null) {
                throw new UsageException("--master is an option of the spark engine (--engine spark); the local engine "
                        + "trains on this machine's --workers");
            }
            return null;
        }
        if (workers != null) {
            throw new UsageException("--workers is an option of the local engine; the " + engine
                    + " engine decides how many runs train at once");
        }
        try {
            Map<String, String> options = new LinkedHashMap<>();
            if (master != null) {
                options.put("master", master);
            }
            return StudyEngineProvider.find(engine).create(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Path defaultDirectory(Path base, Study study) {
        String stem = study.defaultFolderName(LocalDateTime.now());
        Path dir = base.resolve("studies").resolve(stem);
        for (int k = 2; Files.exists(dir); k++) {
            dir = base.resolve("studies").resolve(stem + "-" + k);
        }
        return dir;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Grid point to solved k/n, as aligned columns headed by each axis's last name (its full path where
     * two would share one), values in the report's short form ({@code clip_global_norm(threshold=1)},
     * {@code none}). An axis with one value in every run is said once above the table instead.
     */
    static String table(StudyResult result) {
        List<String> axes = new ArrayList<>();
        StringBuilder constant = new StringBuilder();
        for (String a : result.plan().axes()) {
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            boolean everywhere = true;
            for (SummaryRow s : result.summary()) {
                everywhere &= s.values().containsKey(a);
                seen.add(label(s.values().get(a)));
            }
            if (everywhere && seen.size() == 1 && result.summary().size() > 1) {
                constant.append(a).append(" = ").append(seen.iterator().next()).append(" in every run\n");
            } else {
                axes.add(a);
            }
        }
        boolean variants = result.summary().stream().anyMatch(s -> s.variant() != null);
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>();
        if (variants) {
            head.add("variant");
        }
        for (String a : axes) {
            String shortName = AxisLabels.axis(a);
            boolean shared = axes.stream().filter(o -> AxisLabels.axis(o).equals(shortName)).count() > 1;
            head.add(shared ? a : shortName);
        }
        head.add("solved");
        rows.add(head);
        for (SummaryRow s : result.summary()) {
            List<String> row = new ArrayList<>();
            if (variants) {
                row.add(s.variant() == null ? "" : s.variant());
            }
            for (String a : axes) {
                row.add(s.values().containsKey(a) ? label(s.values().get(a)) : "");
            }
            row.add(s.solved() + "/" + s.runs());
            rows.add(row);
        }
        int[] width = new int[head.size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder(constant);
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(r.get(i)).append(" ".repeat(width[i] - r.get(i).length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String label(Object value) {
        return AxisLabels.value(JSON.valueToTree(value));
    }
}
