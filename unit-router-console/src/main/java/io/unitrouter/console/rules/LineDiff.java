package io.unitrouter.console.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts by longest common subsequence, for showing two rule documents side by side. Rule
 * documents are short (a few hundred lines in their canonical form), so the quadratic table is small; above
 * {@link #MAX_LINES} lines per side the diff is refused rather than slow.
 *
 * <p>Stateless and thread-safe.
 */
public final class LineDiff {

    /** The most lines per side that are compared. */
    public static final int MAX_LINES = 3000;

    /**
     * One line of the diff.
     *
     * @param op {@code " "} in both, {@code "-"} only in the first text, {@code "+"} only in the second
     * @param text the line
     */
    public record Line(String op, String text) {
    }

    private LineDiff() {
    }

    /**
     * Diffs two texts line by line.
     *
     * @param before the first text
     * @param after the second text
     * @return every line of both, in order, marked
     * @throws IllegalArgumentException if either has more than {@link #MAX_LINES} lines
     */
    public static List<Line> of(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            throw new IllegalArgumentException("the documents have " + a.length + " and " + b.length
                    + " lines; the console diffs at most " + MAX_LINES + " lines each");
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                lines.add(new Line(" ", a[i++]));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                lines.add(new Line("-", a[i++]));
            } else {
                lines.add(new Line("+", b[j++]));
            }
        }
        while (i < a.length) {
            lines.add(new Line("-", a[i++]));
        }
        while (j < b.length) {
            lines.add(new Line("+", b[j++]));
        }
        return lines;
    }
}
