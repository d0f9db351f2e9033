package dev.casewright.jira;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Converts an Atlassian Document Format document (an issue description, a rich-text custom field)
 * to Markdown for a prompt.
 *
 * <p>Every node and mark of the ADF reference has a mapping; a node type it does not know becomes
 * the text of its descendants. Malformed input (missing or mistyped {@code content}, {@code text}
 * or attributes, nesting deeper than {@value #MAX_DEPTH} levels) degrades to text and never throws.
 * Mentions become {@code @Display Name}; account ids never reach the output.
 *
 * <p>The output uses {@code \n}, has no trailing whitespace outside code blocks, and separates
 * blocks by exactly one blank line. Code blocks keep their text byte for byte. Stateless and safe
 * to share between threads.
 */
public final class AdfToMarkdown {

    /**
     * Real documents nest a dozen levels at most. Below this depth only the text is kept, which
     * bounds the recursion (and the indentation) whatever arrives.
     */
    public static final int MAX_DEPTH = 64;

    private static final Set<String> INLINE_TYPES = Set.of(
            "text",
            "hardBreak",
            "mention",
            "emoji",
            "date",
            "status",
            "inlineCard",
            "mediaInline",
            "inlineExtension",
            "placeholder");
    private static final Set<String> LIST_TYPES = Set.of("bulletList", "orderedList", "taskList", "decisionList");
    private static final Set<String> BLOCK_TYPES = Set.of(
            "doc",
            "paragraph",
            "heading",
            "bulletList",
            "orderedList",
            "listItem",
            "taskList",
            "taskItem",
            "decisionList",
            "decisionItem",
            "blockquote",
            "codeBlock",
            "rule",
            "table",
            "tableRow",
            "tableHeader",
            "tableCell",
            "panel",
            "expand",
            "nestedExpand",
            "mediaSingle",
            "mediaGroup",
            "blockCard",
            "embedCard",
            "layoutSection",
            "layoutColumn",
            "extension",
            "bodiedExtension",
            "caption");
    /** Epoch values below this are seconds: as milliseconds they would all fall in 1970–1973. */
    private static final long SMALLEST_MILLISECONDS = 100_000_000_000L;

    private enum Shape {
        PARAGRAPH,
        LIST,
        OTHER
    }

    private record Block(String markdown, Shape shape) {

        static final Block EMPTY = new Block("", Shape.OTHER);

        static Block of(String markdown) {
            return new Block(markdown, Shape.OTHER);
        }
    }

    /**
     * The document as Markdown; {@code ""} for {@code null}, a JSON null, a missing field or an
     * empty document. A plain string (what a Jira text field, as opposed to a text area, holds) is
     * returned as it is, with normalised line ends.
     */
    public String convert(@Nullable JsonNode adf) {
        if (adf == null || adf.isNull() || adf.isMissingNode()) {
            return "";
        }
        if (adf.isString()) {
            return plainTextField(adf.stringValue());
        }
        if (adf.isArray()) {
            List<JsonNode> nodes = new ArrayList<>();
            adf.values().stream().filter(JsonNode::isObject).forEach(nodes::add);
            return joinLoose(blocks(nodes, 1, false));
        }
        if (!adf.isObject()) {
            return "";
        }
        return block(adf, 0, false).markdown();
    }

    private Block block(JsonNode node, int depth, boolean inCell) {
        if (depth > MAX_DEPTH) {
            return plainParagraph(AdfNodes.plainText(node), inCell);
        }
        String type = AdfNodes.type(node);
        return switch (type) {
            case "paragraph" -> paragraph(AdfNodes.children(node), depth + 1, inCell);
            case "heading" -> heading(node, depth, inCell);
            case "bulletList", "orderedList", "taskList", "decisionList" -> list(node, type, depth, inCell);
            case "blockquote" -> Block.of(quoted(joinLoose(blocks(AdfNodes.children(node), depth + 1, inCell))));
            case "panel" -> panel(node, depth, inCell);
            case "codeBlock" -> codeBlock(node, inCell);
            case "rule" -> Block.of("---");
            case "table" -> table(node, depth, inCell);
            case "mediaSingle", "mediaGroup" -> mediaGroup(node, depth, inCell);
            case "media", "mediaInline" -> Block.of(mediaPlaceholder(node));
            case "blockCard", "embedCard" -> Block.of(card(node));
            case "expand", "nestedExpand" -> expand(node, depth, inCell);
            case "extension" -> extensionText(node, inCell);
            case "bodiedExtension" ->
                AdfNodes.children(node).isEmpty()
                        ? extensionText(node, inCell)
                        : Block.of(joinLoose(blocks(AdfNodes.children(node), depth + 1, inCell)));
            default -> {
                if (INLINE_TYPES.contains(type)) {
                    yield paragraph(List.of(node), depth, inCell);
                }
                // doc, layouts, list items and cells out of place, and node types we do not know:
                // their content in order, so nothing is lost.
                yield container(node, depth, inCell);
            }
        };
    }

    private Block container(JsonNode node, int depth, boolean inCell) {
        List<Block> blocks = blocks(AdfNodes.children(node), depth + 1, inCell);
        String ownText = AdfNodes.text(node);
        if (ownText != null && !ownText.isBlank()) {
            blocks.add(0, plainParagraph(ownText, inCell));
        }
        return blocks.size() == 1 ? blocks.get(0) : Block.of(joinLoose(blocks));
    }

    /** Block children in order; runs of inline children (which belong in a paragraph) become one. */
    private List<Block> blocks(List<JsonNode> children, int depth, boolean inCell) {
        List<Block> blocks = new ArrayList<>(children.size());
        int i = 0;
        while (i < children.size()) {
            int end = i;
            while (end < children.size() && INLINE_TYPES.contains(AdfNodes.type(children.get(end)))) {
                end++;
            }
            Block next = end > i
                    ? paragraph(children.subList(i, end), depth, inCell)
                    : block(children.get(end++), depth, inCell);
            if (!next.markdown().isEmpty()) {
                blocks.add(next);
            }
            i = end;
        }
        return blocks;
    }

    private Block paragraph(List<JsonNode> inlineNodes, int depth, boolean inCell) {
        InlineMarkdown run = new InlineMarkdown();
        inlines(inlineNodes, run, depth);
        return new Block(paragraphLines(run.finish(), inCell), Shape.PARAGRAPH);
    }

    private Block plainParagraph(String text, boolean inCell) {
        InlineMarkdown run = new InlineMarkdown();
        run.text(text, List.of());
        return new Block(paragraphLines(run.finish(), inCell), Shape.PARAGRAPH);
    }

    /** One line per hard break, at most one blank line in a row, each line safe at a line start. */
    private static String paragraphLines(String inline, boolean inCell) {
        StringBuilder out = new StringBuilder(inline.length());
        boolean blankLine = false;
        int start = 0;
        while (start <= inline.length()) {
            int end = inline.indexOf('\n', start);
            if (end < 0) {
                end = inline.length();
            }
            String line = MarkdownSyntax.strip(inline.substring(start, end));
            start = end + 1;
            if (line.isEmpty()) {
                blankLine = out.length() > 0;
                continue;
            }
            if (out.length() > 0) {
                out.append(blankLine ? "\n\n" : "\n");
            }
            blankLine = false;
            out.append(inCell ? line : MarkdownSyntax.escapeLineStart(line));
        }
        return out.toString();
    }

    private void inlines(List<JsonNode> nodes, InlineMarkdown run, int depth) {
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            if (!AdfNodes.type(node).equals("text")) {
                inline(node, run, depth);
                continue;
            }
            // ADF splits text wherever an attribute changes; rejoining same-marked neighbours keeps
            // a code span from being cut into two spans that read as one with a stray backtick.
            List<InlineMarkdown.Mark> marks = InlineMarkdown.Mark.of(node);
            String text = AdfNodes.text(node);
            StringBuilder merged = new StringBuilder(text == null ? "" : text);
            while (i + 1 < nodes.size()
                    && AdfNodes.type(nodes.get(i + 1)).equals("text")
                    && InlineMarkdown.Mark.of(nodes.get(i + 1)).equals(marks)) {
                String next = AdfNodes.text(nodes.get(++i));
                merged.append(next == null ? "" : next);
            }
            run.text(merged.toString(), marks);
        }
    }

    private void inline(JsonNode node, InlineMarkdown run, int depth) {
        if (depth > MAX_DEPTH) {
            run.space();
            run.text(AdfNodes.plainText(node), List.of());
            run.space();
            return;
        }
        String type = AdfNodes.type(node);
        switch (type) {
            case "text" -> {
                String text = AdfNodes.text(node);
                run.text(text == null ? "" : text, InlineMarkdown.Mark.of(node));
            }
            case "hardBreak" -> run.lineBreak();
            case "mention" -> run.atom(mention(node));
            case "emoji" -> run.atom(MarkdownSyntax.escapeInline(emoji(node), false));
            case "date" -> run.atom(date(node));
            case "status" -> run.atom(status(node));
            case "inlineCard", "blockCard", "embedCard" -> run.atom(card(node));
            case "media", "mediaInline" -> run.atom(mediaPlaceholder(node));
            case "inlineExtension", "extension" -> {
                String text = AdfNodes.attribute(node, "text");
                run.text(text == null ? "" : text, List.of());
            }
            case "placeholder" -> {
                // Placeholder text is the editor's prompt to the author ("Describe the steps"), not
                // something the author wrote; in a prompt it would read as the issue's content.
            }
            default -> {
                boolean block = BLOCK_TYPES.contains(type);
                if (block) {
                    run.lineBreak();
                }
                String own = AdfNodes.text(node);
                if (own != null) {
                    run.text(own, InlineMarkdown.Mark.of(node));
                }
                inlines(AdfNodes.children(node), run, depth + 1);
                if (block) {
                    run.lineBreak();
                }
            }
        }
    }

    private Block heading(JsonNode node, int depth, boolean inCell) {
        InlineMarkdown run = new InlineMarkdown();
        inlines(AdfNodes.children(node), run, depth + 1);
        String text = String.join(
                " ",
                run.finish()
                        .lines()
                        .map(MarkdownSyntax::strip)
                        .filter(line -> !line.isEmpty())
                        .toList());
        if (text.isEmpty()) {
            return Block.EMPTY;
        }
        if (inCell) {
            return Block.of("**" + text + "**");
        }
        int level = (int) Math.min(6, Math.max(1, AdfNodes.number(node, "level").orElse(1)));
        return Block.of("#".repeat(level) + " " + MarkdownSyntax.escapeHeadingEnd(text));
    }

    private Block list(JsonNode list, String listType, int depth, boolean inCell) {
        List<String> items = new ArrayList<>();
        String continuation = "  ";
        long number = listType.equals("orderedList") ? orderedListStart(list) : 1;
        for (JsonNode child : AdfNodes.children(list)) {
            String childType = AdfNodes.type(child);
            if (LIST_TYPES.contains(childType) && !items.isEmpty()) {
                // Lists nested directly in a list (taskList does this by design): they belong to
                // the item before them.
                String nested = block(child, depth + 1, inCell).markdown();
                if (!nested.isEmpty()) {
                    int last = items.size() - 1;
                    items.set(last, items.get(last) + "\n" + prefixed(nested, continuation, continuation));
                }
                continue;
            }
            String marker = listType.equals("orderedList") ? (number++) + ". " : "- ";
            String lead = switch (listType) {
                case "taskList" -> "DONE".equals(AdfNodes.attribute(child, "state")) ? "[x] " : "[ ] ";
                case "decisionList" -> "**Decision:** ";
                default -> "";
            };
            String body = lead + listItemBody(child, depth + 1, inCell);
            continuation = " ".repeat(marker.length());
            items.add(prefixed(MarkdownSyntax.stripTrailing(body), marker, continuation));
        }
        return new Block(String.join("\n", items), Shape.LIST);
    }

    private String listItemBody(JsonNode item, int depth, boolean inCell) {
        if (depth > MAX_DEPTH) {
            return plainParagraph(AdfNodes.plainText(item), inCell).markdown();
        }
        String type = AdfNodes.type(item);
        if (!type.equals("listItem") && !type.equals("taskItem") && !type.equals("decisionItem")) {
            return block(item, depth, inCell).markdown();
        }
        List<Block> blocks = blocks(AdfNodes.children(item), depth + 1, inCell);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                boolean aroundList =
                        blocks.get(i - 1).shape() == Shape.LIST || blocks.get(i).shape() == Shape.LIST;
                out.append(aroundList ? "\n" : "\n\n");
            }
            out.append(blocks.get(i).markdown());
        }
        return out.toString();
    }

    private static long orderedListStart(JsonNode list) {
        long order = AdfNodes.number(list, "order").orElse(1);
        return order >= 0 && order <= 999_999_999 ? order : 1;
    }

    private Block panel(JsonNode panel, int depth, boolean inCell) {
        String label = "**" + panelLabel(AdfNodes.attribute(panel, "panelType")) + ":**";
        List<Block> blocks = blocks(AdfNodes.children(panel), depth + 1, inCell);
        if (blocks.isEmpty()) {
            return Block.EMPTY;
        }
        if (blocks.get(0).shape() == Shape.PARAGRAPH) {
            blocks.set(0, Block.of(label + " " + blocks.get(0).markdown()));
        } else {
            blocks.add(0, Block.of(label));
        }
        return Block.of(quoted(joinLoose(blocks)));
    }

    private static String panelLabel(@Nullable String panelType) {
        return switch (panelType == null ? "" : panelType) {
            case "info" -> "Info";
            case "warning" -> "Warning";
            case "success" -> "Success";
            case "error" -> "Error";
            case "tip" -> "Tip";
            default -> "Note";
        };
    }

    private static Block codeBlock(JsonNode node, boolean inCell) {
        String code = AdfNodes.codeText(node);
        if (code.indexOf('\r') >= 0) {
            code = code.replace("\r\n", "\n").replace('\r', '\n');
        }
        if (code.isEmpty()) {
            return Block.EMPTY;
        }
        if (inCell) {
            // A table row is one line: the code's lines go into one span, joined like the cell's.
            String oneLine = String.join(
                    "<br>",
                    code.lines()
                            .map(MarkdownSyntax::stripTrailing)
                            .filter(line -> !line.isEmpty())
                            .toList());
            return oneLine.isEmpty() ? Block.EMPTY : Block.of(MarkdownSyntax.codeSpan(oneLine));
        }
        String language = AdfNodes.attribute(node, "language");
        return Block.of(MarkdownSyntax.fencedCode(code, language == null ? "" : language));
    }

    private Block table(JsonNode node, int depth, boolean inCell) {
        List<JsonNode> rows = AdfNodes.children(node);
        MarkdownTable table = new MarkdownTable();
        boolean headerRow = false;
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            List<JsonNode> cells = AdfNodes.type(row).equals("tableRow") ? AdfNodes.children(row) : List.of(row);
            if (r == 0) {
                headerRow = !cells.isEmpty()
                        && cells.stream().allMatch(cell -> AdfNodes.type(cell).equals("tableHeader"));
            }
            table.startRow();
            for (JsonNode cell : cells) {
                int colspan = span(cell, "colspan", MarkdownTable.MAX_SPAN);
                int rowspan = span(cell, "rowspan", rows.size() - r);
                table.cell(cellText(cell, depth + 2), colspan, rowspan);
            }
            table.endRow();
        }
        return Block.of(table.render(headerRow));
    }

    private static int span(JsonNode cell, String attribute, int most) {
        long span = AdfNodes.number(cell, attribute).orElse(1);
        return (int) Math.max(1, Math.min(span, Math.max(1, most)));
    }

    /** A table cell on one line: its blocks and lines joined with {@code <br>}. */
    private String cellText(JsonNode cell, int depth) {
        String markdown = depth > MAX_DEPTH
                ? plainParagraph(AdfNodes.plainText(cell), true).markdown()
                : joinLoose(blocks(AdfNodes.children(cell), depth + 1, true));
        StringBuilder out = new StringBuilder(markdown.length());
        markdown.lines().map(MarkdownSyntax::stripTrailing).forEach(line -> {
            if (!MarkdownSyntax.strip(line).isEmpty()) {
                out.append(out.length() > 0 ? "<br>" : "").append(line);
            }
        });
        return MarkdownSyntax.escapeTableCell(MarkdownSyntax.strip(out.toString()));
    }

    private Block mediaGroup(JsonNode node, int depth, boolean inCell) {
        List<String> parts = new ArrayList<>();
        for (JsonNode child : AdfNodes.children(node)) {
            String type = AdfNodes.type(child);
            String part = type.equals("media") || type.equals("mediaInline")
                    ? mediaPlaceholder(child)
                    : block(child, depth + 1, inCell).markdown();
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return Block.of(String.join("\n", parts));
    }

    /**
     * Media ids are Media Services ids, useless in a prompt; the alt text or file name is what can
     * be matched to an attachment.
     */
    private static String mediaPlaceholder(JsonNode media) {
        String name = firstNonBlank(
                AdfNodes.attribute(media, "alt"),
                AdfNodes.attribute(media, "__fileName"),
                "external".equals(AdfNodes.attribute(media, "type")) ? AdfNodes.attribute(media, "url") : null);
        return "[image: " + (name == null ? "attachment" : oneLine(name)) + "]";
    }

    private static String card(JsonNode card) {
        String url = AdfNodes.attribute(card, "url");
        String name = null;
        JsonNode data = AdfNodes.attributeNode(card, "data");
        if ((url == null || url.isBlank()) && data != null && data.isObject()) {
            // A card may carry JSON-LD instead of a URL.
            url = data.path("url").isString() ? data.path("url").stringValue() : null;
            name = data.path("name").isString() ? data.path("name").stringValue() : null;
        }
        if (url != null && !url.isBlank()) {
            String trimmed = oneLine(url);
            return "[" + MarkdownSyntax.escapeInline(trimmed, true) + "](" + MarkdownSyntax.destination(trimmed) + ")";
        }
        return name == null || name.isBlank() ? "" : MarkdownSyntax.escapeInline(oneLine(name), false);
    }

    private Block expand(JsonNode node, int depth, boolean inCell) {
        String title = AdfNodes.attribute(node, "title");
        String body = joinLoose(blocks(AdfNodes.children(node), depth + 1, inCell));
        if (title == null || title.isBlank()) {
            return Block.of(body);
        }
        String heading = "**" + MarkdownSyntax.escapeInline(oneLine(title), false) + "**";
        return Block.of(body.isEmpty() ? heading : heading + "\n\n" + body);
    }

    private Block extensionText(JsonNode node, boolean inCell) {
        String text = AdfNodes.attribute(node, "text");
        return text == null || text.isBlank() ? Block.EMPTY : plainParagraph(text, inCell);
    }

    /** {@code @Display Name}; the account id in {@code attrs.id} is personal data a prompt never needs. */
    private static String mention(JsonNode mention) {
        String text = AdfNodes.attribute(mention, "text");
        String name = text == null ? "" : oneLine(text);
        int start = 0;
        while (start < name.length() && name.charAt(start) == '@') {
            start++;
        }
        name = MarkdownSyntax.strip(name.substring(start));
        return "@" + (name.isEmpty() ? "user" : MarkdownSyntax.escapeInline(name, false));
    }

    private static String emoji(JsonNode emoji) {
        String text = firstNonBlank(AdfNodes.attribute(emoji, "text"), AdfNodes.attribute(emoji, "shortName"));
        return text == null ? "" : oneLine(text);
    }

    private static String status(JsonNode status) {
        String text = AdfNodes.attribute(status, "text");
        return text == null || text.isBlank() ? "" : "[" + MarkdownSyntax.escapeInline(oneLine(text), false) + "]";
    }

    /** The day in UTC, which is how Jira stores a date node (midnight UTC, epoch milliseconds). */
    private static String date(JsonNode date) {
        OptionalLong timestamp = AdfNodes.number(date, "timestamp");
        if (timestamp.isPresent()) {
            long value = timestamp.getAsLong();
            long milliseconds = Math.abs(value) < SMALLEST_MILLISECONDS ? value * 1000 : value;
            try {
                return LocalDate.ofInstant(Instant.ofEpochMilli(milliseconds), ZoneOffset.UTC)
                        .toString();
            } catch (DateTimeException outOfRange) {
                return Long.toString(value);
            }
        }
        String raw = AdfNodes.attribute(date, "timestamp");
        return raw == null ? "" : MarkdownSyntax.escapeInline(oneLine(raw), false);
    }

    private static String quoted(String markdown) {
        if (markdown.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(markdown.length() + 32);
        markdown.lines().forEach(line -> {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.isEmpty() ? ">" : "> " + line);
        });
        return out.toString();
    }

    /** The first line after {@code first}, the others after {@code rest}; blank lines stay empty. */
    private static String prefixed(String markdown, String first, String rest) {
        if (markdown.isEmpty()) {
            return MarkdownSyntax.stripTrailing(first);
        }
        StringBuilder out = new StringBuilder(markdown.length() + 16);
        markdown.lines().forEach(line -> {
            if (out.length() == 0) {
                out.append(first).append(line);
            } else {
                out.append('\n').append(line.isEmpty() ? "" : rest + line);
            }
        });
        return out.toString();
    }

    private static String joinLoose(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            if (block.markdown().isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(block.markdown());
        }
        return out.toString();
    }

    private static String plainTextField(String text) {
        return paragraphLinesUnescaped(text.replace("\r\n", "\n").replace('\r', '\n'));
    }

    private static String paragraphLinesUnescaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean blankLine = false;
        for (String line : text.split("\n", -1)) {
            String trimmed = MarkdownSyntax.stripTrailing(line);
            if (trimmed.isBlank()) {
                blankLine = out.length() > 0;
                continue;
            }
            if (out.length() > 0) {
                out.append(blankLine ? "\n\n" : "\n");
            }
            blankLine = false;
            out.append(trimmed);
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return MarkdownSyntax.strip(text.replaceAll("\\s+", " "));
    }

    private static @Nullable String firstNonBlank(@Nullable String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
