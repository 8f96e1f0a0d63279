package io.uniapi.providers.openai;

/**
 * Splits a {@code <think>…</think>} prefix out of streamed answer text (reasoning models behind OpenAI-compatible
 * hosts, e.g. DeepSeek-R1 on vLLM or Ollama, send their reasoning that way). Tags may be cut across chunks, so a
 * possible partial tag is held back until the next piece. An opening tag counts only before any visible text, so an
 * answer that talks about {@code <think>} tags is left alone. One instance per stream.
 */
final class ThinkTagSplitter {
    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    /** What one piece of text became; either part may be empty. */
    record Split(String reasoning, String content) {
        boolean isEmpty() {
            return reasoning.isEmpty() && content.isEmpty();
        }
    }

    private boolean thinking;
    private boolean answerStarted;
    private boolean trimNextContent;
    private boolean firstReasoning = true;
    private String pending = "";

    /** True once nothing more can be split: the answer has started outside a think block. */
    boolean passThrough() {
        return answerStarted && !thinking && pending.isEmpty();
    }

    Split feed(String text) {
        String buffer = pending + text;
        pending = "";
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        while (!buffer.isEmpty()) {
            if (thinking) {
                int close = buffer.indexOf(CLOSE);
                if (close >= 0) {
                    reasoning.append(buffer, 0, close);
                    buffer = buffer.substring(close + CLOSE.length());
                    thinking = false;
                    trimNextContent = true;
                    continue;
                }
                int keep = partialSuffix(buffer, CLOSE);
                reasoning.append(buffer, 0, buffer.length() - keep);
                pending = buffer.substring(buffer.length() - keep);
                break;
            }
            if (answerStarted) {
                content.append(buffer);
                break;
            }
            String leading = buffer.stripLeading();
            if (leading.startsWith(OPEN)) {
                buffer = leading.substring(OPEN.length());
                thinking = true;
                continue;
            }
            if (!leading.isEmpty() && OPEN.startsWith(leading)) {
                pending = buffer;
                break;
            }
            if (trimNextContent) {
                buffer = leading;
            }
            if (!buffer.isBlank()) {
                answerStarted = true;
                trimNextContent = false;
            }
            content.append(buffer);
            break;
        }
        return new Split(stripLeadingNewlines(reasoning), content.toString());
    }

    /** What is held back, released at the end of the stream. */
    Split flush() {
        String rest = pending;
        pending = "";
        return thinking ? new Split(rest, "") : new Split("", rest);
    }

    private String stripLeadingNewlines(StringBuilder reasoning) {
        if (reasoning.isEmpty()) {
            return "";
        }
        String text = reasoning.toString();
        if (firstReasoning) {
            text = text.replaceFirst("^[\\r\\n]+", "");
            firstReasoning = text.isEmpty();
        }
        return text;
    }

    /** Length of the longest suffix of {@code text} that is a proper prefix of {@code tag}. */
    private static int partialSuffix(String text, String tag) {
        for (int length = Math.min(text.length(), tag.length() - 1); length > 0; length--) {
            if (text.endsWith(tag.substring(0, length))) {
                return length;
            }
        }
        return 0;
    }
}
