#!/usr/bin/env bash
# The health check the way the original solution does it (../shared/ORIGINAL-SOLUTION.md, glue_health_check.sh),
# with its Terraform apply/destroy replaced by the equivalent AWS CLI calls so that it runs against the local
# endpoint: check the credentials, upload the script, create the job, start the run, then poll with
# `aws glue get-job-run` and `sleep 30` until a final state, print the verdict, delete the job and the script.
#
# usage: aws-cli-loop.sh ENDPOINT_URL SCRIPT_FILE JOB_NAME [POLL_SECONDS]
# Needs the AWS CLI (`aws`, e.g. Debian's awscli) and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_DEFAULT_REGION.
set -euo pipefail

endpoint=$1
script=$2
job=$3
poll=${4:-30}
bucket=ci-scripts
key="health-check/${job}/$(basename "$script")"
aws() { command "${AWS_CLI:-aws}" --endpoint-url "$endpoint" --output text "$@"; }

echo "original-style health check of $job"
aws sts get-caller-identity --query Account > /dev/null
aws s3 cp --quiet "$script" "s3://$bucket/$key"
aws glue create-job --name "$job" --role glue-ci --glue-version 3.0 --max-capacity 0.0625 \
  --command "Name=pythonshell,ScriptLocation=s3://$bucket/$key,PythonVersion=3.9" \
  --default-arguments '{"--health_check":"true"}' --timeout 10 > /dev/null
run_id=$(aws glue start-job-run --job-name "$job" --query JobRunId)
echo "started run $run_id"
while true; do
  state=$(aws glue get-job-run --job-name "$job" --run-id "$run_id" --query JobRun.JobRunState)
  echo "state: $state"
  case "$state" in
    SUCCEEDED) verdict=PASSED; break ;;
    FAILED|TIMEOUT|ERROR|STOPPED|EXPIRED) verdict=FAILED; break ;;
  esac
  sleep "$poll"
done
echo "verdict: $verdict"
aws glue delete-job --job-name "$job" > /dev/null
aws s3 rm --quiet "s3://$bucket/$key"
[ "$verdict" = PASSED ]
