"""Checks that a file's findings are printed when that file is done, not at
the end of the run: the second file is a FIFO that no one writes to until
the first file's finding has been read from the driver's stdout.

    streams_findings.py THREADLIFE FIRST_SOURCE WORKDIR
"""

import os
import select
import shutil
import subprocess
import sys

threadlife, first, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
fifo = os.path.join(work, 'second.cpp')
os.mkfifo(fifo)
process = subprocess.Popen([threadlife, '-j1', first, fifo, '--', '-std=c++17'],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seen = b''
while b'warning:' not in seen:
    ready, _, _ = select.select([process.stdout], [], [], 120)
    if not ready:
        process.kill()
        sys.exit('no finding on stdout while the second file was still being read')
    chunk = os.read(process.stdout.fileno(), 4096)
    if not chunk:
        sys.exit('stdout closed before any finding')
    seen += chunk
with open(fifo, 'w') as f:
    f.write('void second() {}\n')
out, err = process.communicate(timeout=120)
sys.stdout.write((seen + out).decode())
sys.stdout.write(err.decode())
sys.exit(process.returncode)
