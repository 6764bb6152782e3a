package io.github.gluehealthcheck.jenkins;

import hudson.ExtensionList;
import java.net.URI;

/** Pipeline scripts for the JenkinsRule tests: a workspace with two job scripts, credentials in the environment. */
final class Pipelines {
    static final String ACCESS_KEY = "NOTAKEY-PIPELINETEST0001";
    static final String SECRET_KEY = "pipeline-secret-key-never-shown-0001";
    static final String ROLE = "arn:aws:iam::123456789012:role/glue-health-check";

    private Pipelines() {
    }

    /** {@code body} inside {@code node} (with jobs/orders.py and jobs/customers.py written) and {@code withEnv}. */
    static String pipeline(String body) {
        return "node {\n"
                + "  writeFile file: 'jobs/orders.py', text: 'print(1)'\n"
                + "  writeFile file: 'jobs/customers.py', text: 'print(2)'\n"
                + "  withEnv(['AWS_ACCESS_KEY_ID=" + ACCESS_KEY + "', 'AWS_SECRET_ACCESS_KEY=" + SECRET_KEY + "',"
                + " 'AWS_REGION=eu-west-1']) {\n"
                + body + "\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * What an administrator sets for the tests: the local endpoint listens on the controller's loopback, so local mode
     * must be allowed and its URL listed. Saved with the controller's configuration, so it holds after a restart.
     */
    static void trustTheLocalEndpoint(URI endpoint) {
        GlueHealthCheckConfiguration config = ExtensionList.lookupSingleton(GlueHealthCheckConfiguration.class);
        config.setAllowLocalEndpoint(true);
        config.setAllowedEndpoints(endpoint.toString());
    }

    /** A {@code glueHealthCheck} call for jobs/orders.py against {@code endpoint}, plus {@code more} arguments. */
    static String step(URI endpoint, String more) {
        return "glueHealthCheck script: 'jobs/orders.py', jobType: 'pythonshell', role: '" + ROLE + "', "
                + "scriptsBucket: 's3://ci-glue-scripts/checks', endpoint: '" + endpoint + "'" + more;
    }
}
