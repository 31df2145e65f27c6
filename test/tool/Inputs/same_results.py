"""Compares the results of two SARIF reports by rule, file, line and
fingerprint, and counts the second's invocations.

    same_results.py A.sarif B.sarif
"""

import json
import sys


def load(path):
    with open(path) as f:
        run = json.load(f)['runs'][0]
    keys = []
    for r in run['results']:
        loc = r['locations'][0]['physicalLocation']
        keys.append((r['ruleId'], loc['artifactLocation']['uri'],
                     loc['region']['startLine'], r['partialFingerprints']['threadlife/v1']))
    return sorted(keys), run


a, _ = load(sys.argv[1])
b, run = load(sys.argv[2])
if a != b:
    sys.exit('results differ:\n%s\n%s' % (a, b))
print('%d results, the same in both' % len(a))
print('%d invocations' % len(run['invocations']))
