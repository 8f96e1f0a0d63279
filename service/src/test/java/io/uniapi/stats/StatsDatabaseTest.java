package io.uniapi.stats;

import io.dropwizard.db.DataSourceFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which database the environment of a uni-api user selects. */
class StatsDatabaseTest {

    static DataSourceFactory postgres(String url) {
        StatsDataSourceFactory factory = new StatsDataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(url);
        factory.setUser("postgres");
        factory.setPassword("");
        return factory;
    }

    @Test
    void byDefaultAnEmbeddedH2FileUnderData() {
        DataSourceFactory db = StatsDatabase.resolve(null, new StatsFactory(), Map.<String, String>of()::get).orElseThrow();
        assertThat(db.getDriverClass()).isEqualTo("org.h2.Driver");
        assertThat(db.getUrl()).isEqualTo("jdbc:h2:file:./data/stats;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void disableDatabaseTrueTurnsPersistenceOffAsInUniApi() {
        assertThat(StatsDatabase.resolve(null, new StatsFactory(), Map.of("DISABLE_DATABASE", "TRUE")::get)).isEmpty();
        assertThat(StatsDatabase.resolve(null, new StatsFactory(), Map.of("DISABLE_DATABASE", "1")::get)).isPresent();
        StatsFactory off = new StatsFactory();
        off.setEnabled(false);
        assertThat(StatsDatabase.resolve(null, off, Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void uniApiPostgresVariablesBuildTheUrl() {
        DataSourceFactory db = StatsDatabase.resolve(null, new StatsFactory(), Map.of("DB_TYPE", "postgres",
                "DB_HOST", "db.internal", "DB_PORT", "6543", "DB_NAME", "stats", "DB_USER", "uni",
                "DB_PASSWORD", "secret")::get).orElseThrow();
        assertThat(db.getUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/stats");
        assertThat(db.getUser()).isEqualTo("uni");
        assertThat(db.getPassword()).isEqualTo("secret");
        DataSourceFactory defaults = StatsDatabase.configured(null, Map.of("DB_TYPE", "postgres")::get);
        assertThat(defaults.getUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(defaults.getPassword()).isEqualTo("mysecretpassword");
    }

    @Test
    void dbPathNamesTheH2File() {
        assertThat(StatsDatabase.configured(null, Map.of("DB_PATH", "/home/data/stats.db")::get).getUrl())
                .isEqualTo("jdbc:h2:file:/home/data/stats;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(StatsDatabase.h2File("data/x.sqlite")).isEqualTo("./data/x");
    }

    @Test
    void anExplicitDatabaseSectionWins() {
        DataSourceFactory explicit = postgres("jdbc:postgresql://h/db");
        assertThat(StatsDatabase.configured(explicit, Map.of("DB_TYPE", "sqlite")::get)).isSameAs(explicit);
    }

    @Test
    void anUnknownDbTypeIsRefusedWithItsName() {
        assertThatThrownBy(() -> StatsDatabase.configured(null, Map.of("DB_TYPE", "mysql")::get))
                .hasMessageContaining("DB_TYPE=mysql");
    }
}
