package dev.casewright.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the Markdown that {@code jira.AdfToMarkdown} writes into top-level blocks. It reads only
 * that dialect (blocks separated by one blank line, {@code "- "} and {@code "1. "} list markers,
 * continuation lines indented by the marker's width, pipe tables, backtick fences), not arbitrary
 * CommonMark.
 */
final class MarkdownBlocks {

    enum Type {
        HEADING,
        PARAGRAPH,
        LIST,
        TABLE,
        CODE,
        QUOTE,
        RULE
    }

    /**
     * @param level the heading level; 0 for other blocks
     * @param lines the block's lines as written (for a code block: the code between the fences)
     * @param language a code block's fence language, lower case; empty otherwise
     */
    record Block(Type type, int level, List<String> lines, String language) {

        Block {
            lines = List.copyOf(lines);
        }

        String text() {
            return String.join("\n", lines);
        }
    }

    static final Pattern LIST_MARKER = Pattern.compile("^( *)(?:[-*+]|\\d{1,9}[.)])[ \\t]+(.*)$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})[ \\t]+(.*?)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})[ \\t]*([^`\\s]*).*$");
    private static final Pattern RULE =
            Pattern.compile("^ {0,3}(?:(?:-[ \\t]*){3,}|(?:\\*[ \\t]*){3,}|(?:_[ \\t]*){3,})$");

    private MarkdownBlocks() {}

    static List<Block> parse(String markdown) {
        List<String> lines =
                markdown.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            Matcher heading = HEADING.matcher(line);
            if (fence.matches()) {
                String marker = fence.group(1);
                List<String> code = new ArrayList<>();
                i++;
                while (i < lines.size() && !isClosingFence(lines.get(i), marker)) {
                    code.add(lines.get(i));
                    i++;
                }
                i++;
                blocks.add(new Block(Type.CODE, 0, code, fence.group(2).toLowerCase(java.util.Locale.ROOT)));
            } else if (heading.matches()) {
                blocks.add(new Block(Type.HEADING, heading.group(1).length(), List.of(heading.group(2)), ""));
                i++;
            } else if (RULE.matcher(line).matches()) {
                blocks.add(new Block(Type.RULE, 0, List.of(line), ""));
                i++;
            } else if (line.startsWith("|")) {
                i = collect(lines, i, Type.TABLE, blocks, l -> l.startsWith("|"));
            } else if (line.startsWith(">")) {
                i = collect(lines, i, Type.QUOTE, blocks, l -> l.startsWith(">"));
            } else if (LIST_MARKER.matcher(line).matches() && !line.startsWith(" ")) {
                i = list(lines, i, blocks);
            } else {
                i = collect(
                        lines,
                        i,
                        Type.PARAGRAPH,
                        blocks,
                        l -> !l.isBlank() && !FENCE.matcher(l).matches());
            }
        }
        return blocks;
    }

    private static boolean isClosingFence(String line, String opening) {
        String trimmed = line.strip();
        return trimmed.length() >= opening.length() && trimmed.chars().allMatch(c -> c == opening.charAt(0));
    }

    private static int collect(
            List<String> lines,
            int start,
            Type type,
            List<Block> blocks,
            java.util.function.Predicate<String> belongs) {
        int i = start;
        List<String> taken = new ArrayList<>();
        while (i < lines.size() && belongs.test(lines.get(i))) {
            taken.add(lines.get(i));
            i++;
        }
        blocks.add(new Block(type, 0, taken, ""));
        return i;
    }

    /** A list runs on through blank lines as long as what follows is indented or another item. */
    private static int list(List<String> lines, int start, List<Block> blocks) {
        int i = start;
        List<String> taken = new ArrayList<>();
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                int next = i + 1;
                if (next < lines.size()
                        && (lines.get(next).startsWith(" ")
                                || LIST_MARKER.matcher(lines.get(next)).matches())) {
                    taken.add("");
                    i++;
                    continue;
                }
                break;
            }
            if (!line.startsWith(" ")
                    && !LIST_MARKER.matcher(line).matches()
                    && !taken.isEmpty()
                    && taken.get(taken.size() - 1).isEmpty()) {
                break;
            }
            taken.add(line);
            i++;
        }
        while (!taken.isEmpty() && taken.get(taken.size() - 1).isEmpty()) {
            taken.remove(taken.size() - 1);
        }
        blocks.add(new Block(Type.LIST, 0, taken, ""));
        return i;
    }

    /** A list item: its own text (continuation lines joined with a space) and its nested items. */
    record Item(String text, List<Item> children) {}

    /** The top-level items of a {@link Type#LIST} block, each with its nested items. */
    static List<Item> items(Block list) {
        return items(list.lines(), 0, list.lines().size());
    }

    private static List<Item> items(List<String> lines, int from, int to) {
        List<Item> items = new ArrayList<>();
        int i = from;
        int indent = -1;
        while (i < to) {
            Matcher marker = LIST_MARKER.matcher(lines.get(i));
            if (!marker.matches() || (indent >= 0 && marker.group(1).length() != indent)) {
                i++;
                continue;
            }
            indent = marker.group(1).length();
            StringBuilder text = new StringBuilder(marker.group(2).strip());
            int j = i + 1;
            int childStart = -1;
            while (j < to) {
                String line = lines.get(j);
                Matcher next = LIST_MARKER.matcher(line);
                int lineIndent = line.length() - line.stripLeading().length();
                if (!line.isBlank() && lineIndent <= indent) {
                    break;
                }
                if (next.matches() && next.group(1).length() > indent && childStart < 0) {
                    childStart = j;
                } else if (childStart < 0 && !line.isBlank()) {
                    text.append(' ').append(line.strip());
                }
                j++;
            }
            List<Item> children = childStart < 0 ? List.of() : items(lines, childStart, j);
            items.add(new Item(text.toString(), children));
            i = j;
        }
        return items;
    }

    /** The cells of a table line, split on unescaped pipes; the separator line gives none. */
    static List<String> cells(String tableLine) {
        String line = tableLine.strip();
        if (line.startsWith("|")) {
            line = line.substring(1);
        }
        if (line.endsWith("|") && !line.endsWith("\\|")) {
            line = line.substring(0, line.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    static boolean isSeparatorRow(List<String> cells) {
        return !cells.isEmpty() && cells.stream().allMatch(cell -> cell.matches(":?-{3,}:?"));
    }
}
