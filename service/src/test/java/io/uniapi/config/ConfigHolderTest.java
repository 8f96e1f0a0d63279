package io.uniapi.config;

import io.uniapi.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading and reloading the config without the web service around it. */
class ConfigHolderTest {
    private static final String GOOD = """
            providers:
              - provider: up
                base_url: https://h.example/v1
                api: k
                model: [m1]
            api_keys:
              - api: sk-client
                model: [up/*]
            """;

    @TempDir
    Path dir;
    private Path file;
    private ConfigHolder holder;
    private final List<Snapshot> reloaded = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("api.yaml");
        Files.writeString(file, GOOD);
        holder = new ConfigHolder(new FileConfigSource(file), new ConfigLoader(new EnvExpander(Map.<String, String>of()::get)),
                provider -> List.of());
        holder.onReload(reloaded::add);
        holder.loadInitial();
    }

    @Test
    void aValidChangeIsSwappedInAsTheNextVersion() throws Exception {
        Files.writeString(file, GOOD.replace("[m1]", "[m1, m2]"));

        ReloadStatus status = holder.reload("test", false);

        assertThat(status.ok()).isTrue();
        assertThat(holder.current().version()).isEqualTo(2);
        assertThat(holder.current().channel("up").orElseThrow().offers("m2")).isTrue();
        assertThat(reloaded).containsExactly(holder.current());
    }

    @Test
    void unchangedContentIsNotReloadedUnlessForced() throws Exception {
        holder.reload("poll", false);
        assertThat(holder.current().version()).isEqualTo(1);

        holder.reload("admin task", true);
        assertThat(holder.current().version()).isEqualTo(2);
    }

    @Test
    void aBrokenChangeKeepsThePreviousVersionAndReportsThePathUntilAGoodOneArrives() throws Exception {
        Snapshot before = holder.current();
        Files.writeString(file, GOOD.replace("api: k", "api: {x: y}"));

        ReloadStatus failed = holder.reload("test", false);

        assertThat(failed.ok()).isFalse();
        assertThat(failed.message()).contains("still serving version 1").contains("providers[0].api: a mapping");
        assertThat(holder.current()).isSameAs(before);
        assertThat(holder.status()).isEqualTo(failed);
        assertThat(holder.reload("poll", false)).as("the same broken content is not reported again").isEqualTo(failed);

        Files.writeString(file, GOOD.replace("[m1]", "[m3]"));
        assertThat(holder.reload("test", false).ok()).isTrue();
        assertThat(holder.current().channel("up").orElseThrow().offers("m3")).isTrue();
    }

    @Test
    void aFileEmptiedByAnEditorThatTruncatesBeforeWritingIsNotAnErrorUnlessItStaysEmpty() throws Exception {
        TestClock clock = new TestClock();
        holder = new ConfigHolder(new FileConfigSource(file), new ConfigLoader(new EnvExpander(Map.<String, String>of()::get)),
                provider -> List.of(), clock);
        holder.loadInitial();
        Files.writeString(file, "");

        assertThat(holder.reload("file change", false).ok()).isTrue();
        clock.advance(Duration.ofMillis(1900));
        assertThat(holder.reload("poll", false).ok()).isTrue();
        clock.advance(Duration.ofMillis(200));
        ReloadStatus stillEmpty = holder.reload("poll", false);

        assertThat(stillEmpty.ok()).isFalse();
        assertThat(stillEmpty.message()).endsWith("the file is empty");
        assertThat(holder.current().version()).isEqualTo(1);
    }

    @Test
    void aReloadThatIntroducesARuleNamingAMissingProviderIsRejected() throws Exception {
        Files.writeString(file, GOOD.replace("provider: up", "provider: renamed"));

        ReloadStatus status = holder.reload("test", false);

        assertThat(status.ok()).isFalse();
        assertThat(status.message()).contains("api_keys[0].model[0]: 'up/*' names provider 'up', which is not in providers")
                .contains("restart to accept it");
        assertThat(holder.current().channel("up")).isPresent();
    }

    @Test
    void aRuleThatAlreadyNamedAMissingProviderAtStartUpDoesNotBlockLaterReloads() throws Exception {
        String dangling = GOOD.replace("model: [up/*]", "model: [up/*, gone/*]");
        Files.writeString(file, dangling);
        holder = new ConfigHolder(new FileConfigSource(file), new ConfigLoader(new EnvExpander(Map.<String, String>of()::get)),
                provider -> List.of());
        holder.loadInitial();

        Files.writeString(file, dangling.replace("[m1]", "[m1, m2]"));

        assertThat(holder.reload("test", false).ok()).isTrue();
        assertThat(holder.current().channel("up").orElseThrow().offers("m2")).isTrue();
    }

    @Test
    void aReloadThatIntroducesAProxyThatIsNotAUrlIsRejected() throws Exception {
        Files.writeString(file, GOOD + "preferences:\n  proxy: socks5://[user]:[pass]@[ip]:[port]\n");

        ReloadStatus status = holder.reload("test", false);

        assertThat(status.ok()).isFalse();
        assertThat(status.message()).contains("preferences.proxy: invalid proxy").doesNotContain("[pass]");
    }

    @Test
    void aBadFileAtStartUpStopsTheServiceWithItsReasons() throws Exception {
        Files.writeString(file, "providers: []\n");
        ConfigHolder fresh = new ConfigHolder(new FileConfigSource(file),
                new ConfigLoader(new EnvExpander(Map.<String, String>of()::get)), provider -> List.of());

        assertThatThrownBy(fresh::loadInitial).isInstanceOf(ConfigException.class).hasMessageContaining("api_keys: missing");
    }
}
