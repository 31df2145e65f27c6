"""Runs the driver as a pre-commit hook (Debian's pre-commit, a local
`language: system` hook, as docs/driver.md shows it) in a new git repository:
the hook gets relative paths and fails the commit on a finding.

    run_pre_commit.py THREADLIFE WORKDIR KILLS_SOURCE CLEAN_SOURCE
"""

import os
import shutil
import subprocess
import sys

threadlife, work, kills, clean = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, 'src', 'net'))
shutil.copyfile(kills, os.path.join(work, 'src', 'net', 'kills.cpp'))
shutil.copyfile(clean, os.path.join(work, 'src', 'clean.cpp'))
with open(os.path.join(work, 'compile_flags.txt'), 'w') as f:
    f.write('-std=c++17\n-pthread\n')
with open(os.path.join(work, '.pre-commit-config.yaml'), 'w') as f:
    f.write('repos:\n  - repo: local\n    hooks:\n      - id: threadlife\n'
            '        name: threadlife\n'
            '        entry: %s --warnings-as-errors=threadlife-*\n'
            '        language: system\n        types_or: [c, c++]\n' % threadlife)
env = dict(os.environ, HOME=os.path.join(work, 'home'), GIT_AUTHOR_NAME='t',
           GIT_AUTHOR_EMAIL='t@t', GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@t')


def run(*cmd):
    return subprocess.run(cmd, cwd=work, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


run('git', 'init', '-q')
run('git', 'add', '-A')
first = run('pre-commit', 'run', '--all-files')
print(first.stdout)
print('first run: exit %d' % first.returncode)
os.remove(os.path.join(work, 'src', 'net', 'kills.cpp'))
run('git', 'add', '-A')
second = run('pre-commit', 'run', '--all-files')
print(second.stdout)
print('second run: exit %d' % second.returncode)
