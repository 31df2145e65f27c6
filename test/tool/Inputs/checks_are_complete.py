"""checks_are_complete.py THREADLIFE REPO

Every check the driver registers ships as a set: a docs page, an --explain
lesson, and at least one lit test; and no docs page lacks its check.
"""
import os
import subprocess
import sys

threadlife, repo = sys.argv[1], sys.argv[2]
out = subprocess.run([threadlife, '--list-checks', '--checks=threadlife-*'],
                     capture_output=True, text=True, check=True).stdout
checks = [l.strip() for l in out.splitlines() if l.strip().startswith('threadlife-')]
problems = []
if not checks:
    problems.append('no check registered')
for check in checks:
    name = check[len('threadlife-'):]
    if not os.path.exists(os.path.join(repo, 'docs', 'checks', name + '.md')):
        problems.append('%s: no docs/checks/%s.md' % (check, name))
    tests = [f for f in os.listdir(os.path.join(repo, 'test', 'checks')) if f.startswith(name)]
    if not tests:
        problems.append('%s: no test/checks/%s*' % (check, name))
    lesson = subprocess.run([threadlife, '--explain', check], capture_output=True, text=True)
    if lesson.returncode or '## The fix' not in lesson.stdout or '## The Python twin' not in lesson.stdout:
        problems.append('%s: --explain gives no lesson with the fix and the Python twin' % check)
for page in os.listdir(os.path.join(repo, 'docs', 'checks')):
    if 'threadlife-' + page[:-3] not in checks:
        problems.append('docs/checks/%s documents no registered check' % page)
print('\n'.join(problems) or '%d checks complete' % len(checks))
sys.exit(1 if problems else 0)
