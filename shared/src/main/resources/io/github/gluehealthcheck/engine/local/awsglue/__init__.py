# Local stand-in for the awsglue package, written by the glue-health-check local endpoint.
# Only awsglue.utils.getResolvedOptions is provided: enough for common Python shell jobs.
