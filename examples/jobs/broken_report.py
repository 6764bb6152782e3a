"""A Glue Python shell job with the kind of bug a health check catches before merge.

Someone renamed the `amount` column to `total` in the report, but the input still has `amount`: the job fails
with a KeyError on its first row. Run it through glue-health-check to see a failing check:

    java -jar drone-plugin/target/glue-health-check.jar --script examples/jobs/broken_report.py \
        --job-type pythonshell --endpoint local
"""
import csv
import io
import sys

SAMPLE = """order_id,customer,country,amount
1001,alice,DE,19.90
1002,bob,FR,5.00
"""


def main(argv):
    health_check = "--health_check" in argv and argv[argv.index("--health_check") + 1].lower() == "true"
    print("health-check mode" if health_check else "production mode")
    rows = list(csv.DictReader(io.StringIO(SAMPLE)))
    print(f"read {len(rows)} orders")
    revenue = sum(float(row["total"]) for row in rows)  # the bug: the column is called amount
    print(f"revenue {revenue:.2f}")


if __name__ == "__main__":
    main(sys.argv)
