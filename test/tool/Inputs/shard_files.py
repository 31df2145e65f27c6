"""Reads the summary lines of the shards of one run (stdin) and checks that
their file counts add up; prints "N files in K parts"."""

import re
import sys

counts = [int(m.group(1)) for m in re.finditer(r'findings? in (\d+) files?', sys.stdin.read())]
print('%d files in %d parts' % (sum(counts), len(counts)))
