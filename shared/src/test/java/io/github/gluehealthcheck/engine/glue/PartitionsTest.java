package io.github.gluehealthcheck.engine.glue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Links and ARNs follow the region's partition: commercial, China, GovCloud, and the isolated ones. */
class PartitionsTest {

    @Test
    void consoleLinksUseThePartitionsConsole() {
        assertThat(ConsoleLinks.glueRun("eu-west-1", "hc-orders", "jr_1"))
                .startsWith("https://eu-west-1.console.aws.amazon.com/gluestudio/home?region=eu-west-1#/job/hc-orders/run/jr_1");
        assertThat(ConsoleLinks.glueRun("cn-north-1", "hc-orders", "jr_1"))
                .startsWith("https://console.amazonaws.cn/gluestudio/home?region=cn-north-1#");
        assertThat(ConsoleLinks.logs("cn-northwest-1", "/aws-glue/jobs/output", "jr_1"))
                .startsWith("https://console.amazonaws.cn/cloudwatch/home?region=cn-northwest-1#logsV2:log-groups/log-group/$252Faws-glue$252Fjobs$252Foutput");
        assertThat(ConsoleLinks.glueRun("us-gov-west-1", "hc-orders", "jr_1"))
                .startsWith("https://console.amazonaws-us-gov.com/gluestudio/home?region=us-gov-west-1#");
        assertThat(ConsoleLinks.logs("us-gov-east-1", "/aws-glue/jobs/output", "jr_1"))
                .startsWith("https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-east-1#");
    }

    @Test
    void isolatedPartitionsGetNoConsoleLinkButTheirArnPartition() {
        assertThat(ConsoleLinks.glueRun("us-iso-east-1", "hc-orders", "jr_1")).isNull();
        assertThat(ConsoleLinks.logs("us-isob-east-1", "/aws-glue/jobs/output", "jr_1")).isNull();
        assertThat(new GlueJobs(null, "us-iso-east-1", "123456789012").jobArn("hc-orders"))
                .isEqualTo("arn:aws-iso:glue:us-iso-east-1:123456789012:job/hc-orders");
        assertThat(new GlueJobs(null, "us-isob-east-1", "123456789012").jobArn("hc-orders"))
                .startsWith("arn:aws-iso-b:glue:");
        assertThat(new GlueJobs(null, "cn-north-1", "123456789012").jobArn("hc-orders")).startsWith("arn:aws-cn:glue:");
        assertThat(new GlueJobs(null, "us-gov-west-1", "123456789012").jobArn("hc-orders")).startsWith("arn:aws-us-gov:glue:");
        assertThat(new GlueJobs(null, "us-east-1", "123456789012").jobArn("hc-orders")).startsWith("arn:aws:glue:");
    }
}
