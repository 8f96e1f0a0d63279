package io.uniapi.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {

    @ParameterizedTest(name = "line ending {0}")
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void readsEventsWhateverTheLineEnding(String eol) throws IOException {
        String stream = "data: {\"a\":1}" + eol + eol + "event: ping" + eol + "data: x" + eol + eol + "data: [DONE]" + eol + eol;

        List<SseEvent> events = readAll(stream);

        assertThat(events).containsExactly(
                new SseEvent(null, "{\"a\":1}", null),
                new SseEvent("ping", "x", null),
                new SseEvent(null, "[DONE]", null));
        assertThat(events.get(2).isDone()).isTrue();
    }

    @Test
    void aCrlfSplitAcrossTwoReadsIsOneLineEnding() throws IOException {
        SseReader reader = new SseReader(new PiecewiseStream("data: one\r", "\n\r", "\ndata: two\r\n\r\n"));

        assertThat(reader.next()).isEqualTo(new SseEvent(null, "one", null));
        assertThat(reader.next()).isEqualTo(new SseEvent(null, "two", null));
        assertThat(reader.next()).isNull();
    }

    @Test
    void anEventIsDeliveredAsSoonAsItsBlankLineArrivesNotAtTheEndOfTheStream() throws IOException {
        PiecewiseStream in = new PiecewiseStream("data: first\n\n", "data: second\n\n");
        SseReader reader = new SseReader(in);

        assertThat(reader.next().data()).isEqualTo("first");
        assertThat(in.remainingPieces()).as("the second piece has not been read yet").isEqualTo(1);
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws IOException {
        assertThat(readAll("data: line one\ndata: line two\ndata:\ndata:no-space\n\n"))
                .containsExactly(new SseEvent(null, "line one\nline two\n\nno-space", null));
    }

    @Test
    void commentsBetweenEventsAreDeliveredOnTheirOwnAndCommentsInsideAnEventAreIgnored() throws IOException {
        List<SseEvent> events = readAll(": keepalive\n\ndata: a\n: inside\ndata: b\n\n:bare\n");

        assertThat(events).containsExactly(
                new SseEvent(null, null, "keepalive"),
                new SseEvent(null, "a\nb", null),
                new SseEvent(null, null, "bare"));
        assertThat(events.get(0).isComment()).isTrue();
    }

    @Test
    void idRetryAndUnknownFieldsAreIgnoredAndBlankLinesAloneProduceNothing() throws IOException {
        assertThat(readAll("\n\nid: 7\nretry: 1000\nfoo: bar\ndata: x\n\n\n\n"))
                .containsExactly(new SseEvent(null, "x", null));
    }

    @Test
    void anEventNotFollowedByABlankLineAtTheEndOfTheStreamIsStillDelivered() throws IOException {
        assertThat(readAll("data: a\n\ndata: [DONE]")).containsExactly(
                new SseEvent(null, "a", null),
                new SseEvent(null, "[DONE]", null));
        assertThat(readAll("data: last\n")).containsExactly(new SseEvent(null, "last", null));
    }

    @Test
    void anEmptyStreamHasNoEvents() throws IOException {
        assertThat(readAll("")).isEmpty();
        assertThat(readAll("\n\r\n")).isEmpty();
    }

    @Test
    void multiByteCharactersSplitAcrossReadsSurvive() throws IOException {
        byte[] bytes = "data: héllo 你好\n\n".getBytes(StandardCharsets.UTF_8);
        List<byte[]> single = new ArrayList<>();
        for (byte b : bytes) {
            single.add(new byte[] {b});
        }
        SseReader reader = new SseReader(new PiecewiseStream(single));

        assertThat(reader.next().data()).isEqualTo("héllo 你好");
    }

    @Test
    void aByteOrderMarkAtTheStartIsDropped() throws IOException {
        assertThat(readAll("\uFEFFdata: x\n\n")).containsExactly(new SseEvent(null, "x", null));
    }

    private static List<SseEvent> readAll(String text) throws IOException {
        SseReader reader = new SseReader(new PiecewiseStream(text));
        List<SseEvent> events = new ArrayList<>();
        SseEvent event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    /** Returns each piece from a separate read() call, as a network stream delivers packets. */
    private static final class PiecewiseStream extends InputStream {
        private final Deque<byte[]> pieces = new ArrayDeque<>();

        PiecewiseStream(String... pieces) {
            for (String piece : pieces) {
                this.pieces.add(piece.getBytes(StandardCharsets.UTF_8));
            }
        }

        PiecewiseStream(List<byte[]> pieces) {
            this.pieces.addAll(pieces);
        }

        int remainingPieces() {
            return pieces.size();
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("SseReader reads in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (!pieces.isEmpty() && pieces.peek().length == 0) {
                pieces.poll();
            }
            if (pieces.isEmpty()) {
                return -1;
            }
            byte[] piece = pieces.poll();
            int n = Math.min(len, piece.length);
            System.arraycopy(piece, 0, b, off, n);
            if (n < piece.length) {
                byte[] rest = new byte[piece.length - n];
                System.arraycopy(piece, n, rest, 0, rest.length);
                pieces.push(rest);
            }
            return n;
        }
    }
}
