package io.github.gluehealthcheck.engine.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one reliability matrix, written as a Markdown fragment to {@code target/reliability/<name>.md}
 * when the matrix is done: one row per cell as measured, and the totals. docs/reliability.md copies these.
 * Thread-safe: cells of a matrix may run concurrently. Shared with the other modules through the engine's test jar.
 */
public final class MatrixSummary {
    /** Where every matrix writes its figures, relative to the module (surefire's working directory). */
    public static final Path DIR = Path.of("target", "reliability");

    private final String name;
    private final String title;
    private final List<String> columns;
    private final Map<String, List<String>> rows = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    public MatrixSummary(String name, String title, String... columns) {
        this.name = name;
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Adds (or replaces) the row of one cell; rows are written in the order of their keys. */
    public synchronized void row(String key, Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row " + key + " has " + cells.length + " cells, not " + columns.size());
        }
        List<String> text = new ArrayList<>();
        for (Object c : cells) {
            text.add(String.valueOf(c).replace("|", "\\|").replace("\n", " "));
        }
        rows.put(key, text);
    }

    /** A line written above the table, e.g. the totals. */
    public synchronized void note(String line) {
        notes.add(line);
    }

    public synchronized int size() {
        return rows.size();
    }

    /** Writes the fragment; called once the matrix has run (an interrupted run writes what it measured). */
    public synchronized Path write() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append("\n\n");
        for (String n : notes) {
            md.append(n).append("\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n");
        }
        md.append("| ").append(String.join(" | ", columns)).append(" |\n");
        md.append("|").append("---|".repeat(columns.size())).append("\n");
        for (List<String> r : rows.values()) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".md");
            Files.writeString(file, md.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
