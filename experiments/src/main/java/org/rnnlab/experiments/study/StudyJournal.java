package org.rnnlab.experiments.study;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.experiments.io.AtomicFiles;

/**
 * {@code journal.jsonl}: one line of JSON per finished run ({@link ResultRow}), appended and forced to
 * disk before the run counts as finished, so a crash loses at most the runs in progress. A crash in the
 * middle of a write leaves a torn last line, which reading ignores.
 */
public final class StudyJournal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";

    private final FileChannel channel;

    private StudyJournal(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens a study folder's journal for appending, creating it if missing. */
    public static StudyJournal open(Path directory) throws IOException {
        return new StudyJournal(FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Appends a finished run's line and forces it to disk; safe to call from several workers. */
    public synchronized void append(ResultRow row) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((StudyJson.compact(row.toTree()) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * What a journal holds.
     *
     * @param rows the finished runs by id, in journal order
     * @param torn whether the last line was torn (and ignored)
     */
    public record Content(Map<String, ResultRow> rows, boolean torn) {
    }

    /**
     * Reads a study folder's journal; a missing journal is empty.
     *
     * @param ids the study's run ids
     * @throws StudyFolderException if a line other than the last is not a journal entry, names an
     *     unknown run, or repeats one
     */
    public static Content read(Path directory, Set<String> ids) throws IOException {
        Path file = directory.resolve(FILE);
        Map<String, ResultRow> rows = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new Content(rows, false);
        }
        List<String> lines = Files.readString(file, StandardCharsets.UTF_8).lines().toList();
        boolean torn = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            ResultRow row;
            try {
                row = ResultRow.fromTree((Map<?, ?>) StudyJson.parse(line));
            } catch (IOException | RuntimeException e) {
                if (i == lines.size() - 1) {
                    torn = true;
                    break;
                }
                throw new StudyFolderException(file + " line " + (i + 1) + " is not a journal entry: "
                        + (line.length() > 60 ? line.substring(0, 60) + "..." : line)
                        + "; only the last line may be torn, so the journal is damaged");
            }
            if (!ids.contains(row.run())) {
                throw new StudyFolderException(file + " line " + (i + 1) + " names run " + row.run()
                        + ", which the study does not have");
            }
            if (rows.putIfAbsent(row.run(), row) != null) {
                throw new StudyFolderException(file + " line " + (i + 1) + " repeats run " + row.run());
            }
        }
        return new Content(rows, torn);
    }

    /** Rewrites the journal with its entries only, dropping a torn last line before new lines are appended. */
    static void rewrite(Path directory, Content content) throws IOException {
        StringBuilder sb = new StringBuilder();
        content.rows().values().forEach(r -> sb.append(StudyJson.compact(r.toTree())).append('\n'));
        AtomicFiles.writeString(directory.resolve(FILE), sb.toString());
    }
}
