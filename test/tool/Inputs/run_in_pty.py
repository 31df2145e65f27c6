"""run_in_pty.py COMMAND...: runs COMMAND with its stderr on a pseudo-terminal
and prints what the terminal showed, control characters escaped."""
import os
import pty
import subprocess
import sys

controller, terminal = pty.openpty()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=terminal)
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
