package io.uniapi.limits;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code 15/min,10/day} mini-language. */
class RateLimitTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            15/min          | 15/min
            15/min,10/day   | 15/min,10/day
            2/s             | 2/second
            3/hour, 100/d   | 3/hour,100/day
            5/minutes       | 5/min
            1/mo,10/y       | 1/month,10/year
            10/min,100/tpr  | 10/min,100/tpr
            999999/min      | 999999/min
            """)
    void parsesAndWritesBack(String text, String written) {
        RateLimit limit = RateLimit.parse(text);

        assertThat(limit.toString()).isEqualTo(written);
        assertThat(RateLimit.parse(limit.toString())).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"15/mni", "fifteen/min", "15", "/min", "0/min", "15/min;10/day", ""})
    void refusesWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> RateLimit.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("(expected windows such as 15/min");
    }

    @org.junit.jupiter.api.Test
    void exposesWindowsTokensPerRequestAndTheTightestCapacity() {
        RateLimit limit = RateLimit.parse("15/min,10/day,100/tpr");

        assertThat(limit.windows()).containsExactly(new RateLimit.Window(15, Duration.ofMinutes(1)),
                new RateLimit.Window(10, Duration.ofDays(1)));
        assertThat(limit.tightestCapacity()).isEqualTo(10);
        assertThat(limit.admitsPrompt(100)).isTrue();
        assertThat(limit.admitsPrompt(101)).isFalse();
        assertThat(RateLimit.parse("100/tpr").limitsRequests()).isFalse();
    }
}
