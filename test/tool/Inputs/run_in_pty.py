"""run_in_pty.py [--stdout-too] COMMAND...: runs COMMAND with its stderr (and
with --stdout-too its stdout) on a pseudo-terminal and prints what the
terminal showed, control characters escaped."""
import os
import pty
import subprocess
import sys

args = sys.argv[1:]
both = args[0] == '--stdout-too'
if both:
    args = args[1:]
controller, terminal = pty.openpty()
process = subprocess.Popen(args, stdout=terminal if both else subprocess.DEVNULL,
                           stderr=terminal)
os.close(terminal)
shown = b''
while True:
    try:
        chunk = os.read(controller, 4096)
    except OSError:
        break
    if not chunk:
        break
    shown += chunk
process.wait()
print(shown.decode(errors='replace').replace('\r', '\\r').replace('\x1b', '\\e'))
sys.exit(process.returncode)
