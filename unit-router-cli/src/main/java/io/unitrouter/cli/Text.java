package io.unitrouter.cli;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.ShardFunctionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Small text helpers shared by the commands: aligned fields, tables, shard ranges. */
final class Text {

    /** Width of the label column in {@link #field}, enough for {@code "shard function:"}. */
    static final int LABEL_WIDTH = 16;

    private Text() {
    }

    /** {@code "label:" } padded to a fixed width, then the value. */
    static String field(String label, Object value) {
        return String.format("%-" + LABEL_WIDTH + "s%s", label + ":", value);
    }

    /** {@code "yes"} or {@code "no"}. */
    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** The shard function as the document declares it, e.g. {@code mod} or {@code digits(position=3, width=2)}. */
    static String shardFunction(RuleDocument document) {
        ShardFunctionSpec spec = document.shardFunctionSpec();
        if (spec.type().equals("custom")) {
            return "custom(class=" + spec.options().get("class") + ")";
        }
        return document.shardFunction().toString();
    }

    /** Shards as compressed ranges, e.g. {@code "20-29,40"}; {@code "none"} when there are none. */
    static String ranges(int[] sortedShards) {
        if (sortedShards.length == 0) {
            return "none";
        }
        return ShardRange.compress(sortedShards).stream().map(ShardRange::toString)
                .collect(Collectors.joining(","));
    }

    /**
     * Lays out rows in left-aligned columns, two spaces apart, each line indented by two spaces. Columns
     * whose header starts with {@code '>'} are right-aligned (the marker is not printed).
     */
    static List<String> table(List<String> headers, List<List<String>> rows) {
        int columns = headers.size();
        boolean[] right = new boolean[columns];
        List<String> titles = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String header = headers.get(c);
            right[c] = header.startsWith(">");
            titles.add(right[c] ? header.substring(1) : header);
        }
        int[] widths = new int[columns];
        List<List<String>> all = new ArrayList<>();
        all.add(titles);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < columns; c++) {
                String format = "%" + (right[c] ? "" : "-") + widths[c] + "s";
                line.append(' ').append(String.format(format, row.get(c))).append(c < columns - 1 ? " " : "");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
