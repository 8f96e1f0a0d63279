package io.uniapi.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "0,          0",
            "1048576,    1048576",
            "512b,       512",
            "1KB,        1000",
            "1kb,        1000",
            "1KiB,       1024",
            "20MB,       20000000",
            "20MiB,      20971520",
            "20 MiB,     20971520",
            "2GB,        2000000000",
            "2GiB,       2147483648",
            "' 32MiB ',  33554432",
    })
    void parsesDecimalAndBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "1.5MB", "-1", "20 megabytes", "20TB", "ten"})
    void rejectsWhatIsNotASizeWithAMessageShowingTheExpectedForm(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a size such as 1048576, 20MB or 20MiB");
    }

    @Test
    void aSizeTooLargeToCountIsRejectedNotWrappedAround() {
        assertThatThrownBy(() -> ByteSize.parse("99999999999GiB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> ByteSize.parse("99999999999999999999999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void toStringParsesBackToTheSameSize() {
        ByteSize size = ByteSize.parse("20MiB");

        assertThat(ByteSize.parse(size.toString())).isEqualTo(size);
    }
}
