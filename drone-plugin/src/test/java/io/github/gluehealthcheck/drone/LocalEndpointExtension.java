package io.github.gluehealthcheck.drone;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LocalEndpointProcess} for one test class: started before its first test, its request log and run
 * scripts reset before each test, stopped after the last.
 *
 * <pre>{@code @RegisterExtension static final LocalEndpointExtension endpoint = new LocalEndpointExtension();}</pre>
 */
final class LocalEndpointExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private LocalEndpointProcess process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        process = LocalEndpointProcess.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        process.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        process.close();
    }

    LocalEndpointProcess process() {
        return process;
    }

    URI uri() {
        return process.uri();
    }

    String url() {
        return process.url();
    }

    JsonNode state() {
        return process.state();
    }

    List<String> operations() {
        return process.operations();
    }

    void reset() {
        process.reset();
    }

    void runScript(String json) {
        process.runScript(json);
    }

    void fault(String json) {
        process.fault(json);
    }
}
