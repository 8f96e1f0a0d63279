package io.uniapi.ops;

import io.dropwizard.servlets.tasks.Task;
import io.uniapi.config.ConfigHolder;
import io.uniapi.config.ReloadStatus;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/reload-config} on the admin port: loads {@code api.yaml} now, even if unchanged. The new
 * version is validated completely before it replaces the running one; the answer says which happened.
 */
public final class ReloadConfigTask extends Task {
    private final ConfigHolder holder;

    public ReloadConfigTask(ConfigHolder holder) {
        super("reload-config");
        this.holder = holder;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        ReloadStatus status = holder.reload("admin task", true);
        output.println((status.ok() ? "OK: " : "REJECTED: ") + status.message());
    }
}
