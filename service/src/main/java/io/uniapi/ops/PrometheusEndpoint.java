package io.uniapi.ops;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /prometheus} on the admin port: every Dropwizard metric in Prometheus text format (through the
 * Prometheus project's Dropwizard bridge: {@code uniapi.stats.dropped} becomes {@code uniapi_stats_dropped_total}),
 * plus the labelled families of {@link LabelledMetrics}.
 */
public final class PrometheusEndpoint {
    public static final String PATH = "/prometheus";

    private PrometheusEndpoint() {
    }

    public static void register(Environment environment, LabelledMetrics labelled) {
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder()
                .dropwizardRegistry(environment.metrics())
                .metricFilter((name, metric) -> !LabelledMetrics.isLabelled(name))
                .register(registry);
        registry.register(labelled.collector());
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }
}
