package berth.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Docker's table layout (Go's tabwriter with min width 10, padding 3, spaces): every tab-terminated cell is
 * padded to its column's width; the text after a line's last tab is written as is.
 */
final class Table {
    static final int MIN_WIDTH = 10;
    static final int PADDING = 3;

    private Table() {}

    /** Lays out lines whose cells are separated by '\t'; returns them joined, each ending in '\n'. */
    static String format(List<String> lines) {
        return format(lines, MIN_WIDTH);
    }

    /** The same with another minimum column width (docker top uses 20). */
    static String format(List<String> lines, int minWidth) {
        List<String[]> rows = lines.stream().map(l -> l.split("\t", -1)).toList();
        int[] widths = widths(rows, minWidth);
        StringBuilder out = new StringBuilder();
        for (String[] cells : rows) {
            for (int c = 0; c < cells.length - 1; c++) {
                out.append(cells[c]).append(" ".repeat(widths[c] - width(cells[c])));
            }
            out.append(cells[cells.length - 1]).append('\n');
        }
        return out.toString();
    }

    private static int[] widths(List<String[]> rows, int minWidth) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        Arrays.fill(widths, minWidth);
        for (String[] cells : rows) {
            for (int c = 0; c < cells.length - 1; c++) {
                widths[c] = Math.max(widths[c], width(cells[c]) + PADDING);
            }
        }
        return widths;
    }

    /** Go's tabwriter counts runes, so "…" is one column wide. */
    static int width(String s) { return s.codePointCount(0, s.length()); }

    /** Convenience: header and rows as lists of cells. */
    static String of(List<String> header, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", header));
        rows.forEach(r -> lines.add(String.join("\t", r)));
        return format(lines);
    }
}
