"""Starts a Python shell job as Glue does (python3 script.py --name value ...), local endpoint edition.

The job's script and arguments come as one JSON object on stdin, not on the command line: a command line is
readable by every local user (/proc/<pid>/cmdline, ps). The script then sees the usual sys.argv, __file__,
__name__ == "__main__" and its own directory first on sys.path.
"""

import json
import os
import runpy
import sys
import traceback


def _main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    script = request["script"]
    sys.argv = [script] + list(request["arguments"])
    sys.path[0] = os.path.dirname(script)
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as error:
        # Python's own report, starting at the job's first frame instead of this file's.
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != script:
            tb = tb.tb_next
        traceback.print_exception(type(error), error, tb)
        sys.stderr.flush()
        sys.exit(1)


if __name__ == "__main__":
    _main()
