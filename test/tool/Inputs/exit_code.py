"""Runs a command, prints its stderr, and fails unless it exits with the
expected code.

    exit_code.py [--stdout=full|closed] CODE COMMAND...

--stdout=full writes stdout to /dev/full (every write fails); closed gives
it a pipe whose reading end is already closed.
"""

import os
import subprocess
import sys

args = sys.argv[1:]
mode = None
if args[0].startswith('--stdout='):
    mode = args.pop(0).split('=', 1)[1]
expected, command = int(args[0]), args[1:]
if mode == 'full':
    with open('/dev/full', 'w') as out:
        r = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True)
elif mode == 'closed':
    read, write = os.pipe()
    os.close(read)
    r = subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True)
    os.close(write)
else:
    r = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
sys.stdout.write(r.stderr)
if r.returncode != expected:
    sys.exit('exit code %d, expected %d' % (r.returncode, expected))
