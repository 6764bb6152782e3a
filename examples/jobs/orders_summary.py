"""Daily order summary: a Glue Python shell job that honours --health_check.

In production it reads the day's orders (CSV) from --input_path in S3 and writes a summary next to them.
In a health check (--health_check true, added by glue-health-check) it runs the very same transformation on a
small built-in sample and writes nothing, so a CI check is fast, cheap and side-effect free.
"""
import csv
import io
import sys
from collections import defaultdict

try:  # On Glue (and on glue-health-check's local endpoint) awsglue.utils is there.
    from awsglue.utils import getResolvedOptions
except ImportError:  # Plain `python3 orders_summary.py --health_check true`.
    getResolvedOptions = None

SAMPLE = """order_id,customer,country,amount
1001,alice,DE,19.90
1002,bob,FR,5.00
1003,carol,DE,42.10
1004,dave,ES,7.35
1005,erin,FR,12.00
"""


def options(argv):
    """--health_check is optional: read it only when it was passed (getResolvedOptions fails on missing ones)."""
    wanted = [name for name in ("health_check", "input_path") if "--" + name in argv]
    if getResolvedOptions is not None:
        return getResolvedOptions(argv, wanted)
    values = {}
    for name in wanted:
        i = argv.index("--" + name)
        values[name] = argv[i + 1] if i + 1 < len(argv) else ""
    return values


def summarize(rows):
    totals = defaultdict(float)
    counts = defaultdict(int)
    for row in rows:
        totals[row["country"]] += float(row["amount"])
        counts[row["country"]] += 1
    return {country: (counts[country], round(totals[country], 2)) for country in sorted(totals)}


def main(argv):
    args = options(argv)
    health_check = args.get("health_check", "false").lower() == "true"
    if health_check:
        print("health-check mode: using the built-in sample, writing nothing")
        rows = list(csv.DictReader(io.StringIO(SAMPLE)))
    else:
        import boto3  # Only in production: the health check needs no AWS access from the job.
        bucket, key = args["input_path"].replace("s3://", "").split("/", 1)
        body = boto3.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(body)))
    print(f"read {len(rows)} orders")
    for country, (count, total) in summarize(rows).items():
        print(f"{country}: {count} orders, {total:.2f} EUR")
    if not health_check:
        summary = "\n".join(f"{c},{n},{t}" for c, (n, t) in summarize(rows).items())
        boto3.client("s3").put_object(Bucket=bucket, Key=key + ".summary.csv", Body=summary.encode("utf-8"))
    print("done")


if __name__ == "__main__":
    main(sys.argv)
