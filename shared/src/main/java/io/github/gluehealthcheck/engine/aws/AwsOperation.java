package io.github.gluehealthcheck.engine.aws;

import java.util.List;

/**
 * Every AWS operation the engine calls, declared once. The Terraform CI policy is tested against this list, so
 * a new call here without a matching grant fails the build rather than a user's first health check.
 */
public enum AwsOperation {
    // "No permissions are required to perform this operation" (STS API reference, GetCallerIdentity): no IAM action.
    STS_GET_CALLER_IDENTITY("sts", "GetCallerIdentity", Resource.ANY),
    S3_HEAD_OBJECT("s3", "HeadObject", Resource.SCRIPT_OBJECT, "s3:GetObject"),
    S3_PUT_OBJECT("s3", "PutObject", Resource.SCRIPTS_PREFIX, "s3:PutObject"),
    S3_DELETE_OBJECT("s3", "DeleteObject", Resource.SCRIPTS_PREFIX, "s3:DeleteObject"),
    // reuse_passed: one GetObject before a check, one PutObject after a pass, of a small record per fingerprint.
    S3_GET_PASS_RECORD("s3", "GetObject", Resource.PASS_RECORDS, "s3:GetObject"),
    S3_PUT_PASS_RECORD("s3", "PutObject", Resource.PASS_RECORDS, "s3:PutObject"),
    // Creating a job with tags needs the tagging permission, and naming a role needs iam:PassRole for it.
    GLUE_CREATE_JOB("glue", "CreateJob", Resource.HEALTH_CHECK_JOB, "glue:CreateJob", "glue:TagResource"),
    GLUE_GET_TAGS("glue", "GetTags", Resource.HEALTH_CHECK_JOB, "glue:GetTags"),
    // base_job: the deployed job is only read; its role is passed to the temporary job.
    GLUE_GET_JOB("glue", "GetJob", Resource.DEPLOYED_JOB, "glue:GetJob"),
    GLUE_START_JOB_RUN("glue", "StartJobRun", Resource.HEALTH_CHECK_JOB, "glue:StartJobRun"),
    GLUE_GET_JOB_RUN("glue", "GetJobRun", Resource.HEALTH_CHECK_JOB, "glue:GetJobRun"),
    GLUE_GET_JOB_RUNS("glue", "GetJobRuns", Resource.HEALTH_CHECK_JOB, "glue:GetJobRuns"),
    GLUE_BATCH_STOP_JOB_RUN("glue", "BatchStopJobRun", Resource.HEALTH_CHECK_JOB, "glue:BatchStopJobRun"),
    GLUE_DELETE_JOB("glue", "DeleteJob", Resource.HEALTH_CHECK_JOB, "glue:DeleteJob"),
    GLUE_LIST_JOBS("glue", "ListJobs", Resource.ANY, "glue:ListJobs"),
    IAM_PASS_ROLE("iam", "PassRole", Resource.GLUE_ROLE, "iam:PassRole"),
    LOGS_FILTER_LOG_EVENTS("logs", "FilterLogEvents", Resource.GLUE_LOG_GROUPS, "logs:FilterLogEvents");

    /** What an operation acts on, so a policy can scope each grant. */
    public enum Resource {
        /** The operation takes no resource ({@code *}), e.g. ListJobs and GetCallerIdentity. */
        ANY,
        /** {@code arn:aws:glue:<region>:<account>:job/<name_prefix>*}. */
        HEALTH_CHECK_JOB,
        /** A deployed job the user names as {@code base_job}: {@code arn:aws:glue:<region>:<account>:job/<name>}. */
        DEPLOYED_JOB,
        /** The role the Glue job runs as (a base job's role too); passed only to glue.amazonaws.com. */
        GLUE_ROLE,
        /** Objects under the scripts bucket's health-check prefix. */
        SCRIPTS_PREFIX,
        /** {@code reuse_passed}'s records: {@code <scripts prefix>/<repository>/passes/*} in the scripts bucket. */
        PASS_RECORDS,
        /** A script the user already keeps in S3 (usually also under the scripts prefix). */
        SCRIPT_OBJECT,
        /** {@code /aws-glue/*} log groups. */
        GLUE_LOG_GROUPS
    }

    private final String service;
    private final String operation;
    private final Resource resource;
    private final List<String> iamActions;

    AwsOperation(String service, String operation, Resource resource, String... iamActions) {
        this.service = service;
        this.operation = operation;
        this.resource = resource;
        this.iamActions = List.of(iamActions);
    }

    /** The service's signing name, as in {@code glue}, {@code s3}, {@code logs}, {@code sts}, {@code iam}. */
    public String service() {
        return service;
    }

    /** The operation's wire name, as in {@code StartJobRun}. */
    public String operation() {
        return operation;
    }

    public Resource resource() {
        return resource;
    }

    /** The IAM actions a caller needs for this operation; none for an operation every identity may call. */
    public List<String> iamActions() {
        return iamActions;
    }
}
