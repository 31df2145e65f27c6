"""run_outside_build.py THREADLIFE SOURCE: analyses a copy of SOURCE in a fresh
directory with no compilation database above it; exits with the driver's code."""
import os
import shutil
import subprocess
import sys
import tempfile

with tempfile.TemporaryDirectory() as d:
    copy = os.path.join(d, os.path.basename(sys.argv[2]))
    shutil.copyfile(sys.argv[2], copy)
    sys.exit(subprocess.run([sys.argv[1], copy]).returncode)
