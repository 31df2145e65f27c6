"""Validates SARIF files with Microsoft's SARIF multitool under the rules
GitHub code scanning applies on upload (--rule-kind "Gh;Sarif") and fails
on any error or warning, printing each.

    sarif_multitool.py MULTITOOL WORKDIR FILE.sarif...
"""

import json
import os
import subprocess
import sys

tool, work = sys.argv[1:3]
if not os.access(tool, os.X_OK):
    sys.exit('%s is missing: scripts/test installs the SARIF multitool from npm' % tool)
os.makedirs(work, exist_ok=True)
env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT='1',
           DOTNET_CLI_TELEMETRY_OPTOUT='1', HOME=work)
problems = 0
for sarif in sys.argv[3:]:
    out = os.path.join(work, os.path.basename(sarif) + '.validation.sarif')
    if os.path.exists(out):
        os.remove(out)
    run = subprocess.run([tool, 'validate', '--rule-kind', 'Gh;Sarif',
                          '--level', 'Error;Warning', '--output', out, sarif],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    if not os.path.exists(out):
        print(run.stdout)
        sys.exit('the multitool wrote no validation log for %s' % sarif)
    with open(out) as f:
        log = json.load(f)
    found = [r for run_ in log['runs'] for r in run_.get('results', [])
             if r.get('level', 'warning') in ('error', 'warning')]
    for r in found:
        print('%s: %s %s: %s' % (os.path.basename(sarif), r.get('level', 'warning'),
                                 r['ruleId'], r['message'].get('text', r['message'])))
    problems += len(found)
    print('%s: %d errors and warnings' % (os.path.basename(sarif), len(found)))
sys.exit(1 if problems else 0)
