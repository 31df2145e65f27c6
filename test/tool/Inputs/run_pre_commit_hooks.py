"""Uses the project's .pre-commit-hooks.yaml as a pre-commit user does: a
repository of the hooks at a revision, two lines in the user's
.pre-commit-config.yaml, `pre-commit install`, then `git commit`. A commit of
a file with a bug is refused with the finding; the fixed file is committed.

    run_pre_commit_hooks.py HOOKS_YAML THREADLIFE_BIN_DIR WORKDIR KILLS_SOURCE
"""

import os
import shutil
import subprocess
import sys

hooks_yaml, bin_dir, work, kills = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
hooks, project = os.path.join(work, 'hooks'), os.path.join(work, 'project')
os.makedirs(hooks)
os.makedirs(os.path.join(project, 'src'))
env = dict(os.environ, HOME=os.path.join(work, 'home'),
           PATH=bin_dir + os.pathsep + os.environ['PATH'],
           PRE_COMMIT_HOME=os.path.join(work, 'cache'),
           GIT_AUTHOR_NAME='t', GIT_AUTHOR_EMAIL='t@t',
           GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@t')


def run(cwd, *cmd):
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return r


def must(cwd, *cmd):
    r = run(cwd, *cmd)
    if r.returncode:
        sys.exit('%s failed:\n%s' % (' '.join(cmd), r.stdout))
    return r.stdout


shutil.copyfile(hooks_yaml, os.path.join(hooks, '.pre-commit-hooks.yaml'))
must(hooks, 'git', 'init', '-q')
must(hooks, 'git', 'add', '-A')
must(hooks, 'git', 'commit', '-qm', 'hooks')
rev = must(hooks, 'git', 'rev-parse', 'HEAD').strip()

with open(os.path.join(project, '.pre-commit-config.yaml'), 'w') as f:
    f.write('repos:\n'
            '  - repo: %s\n    rev: %s\n'
            '    hooks: [{id: threadlife}]\n' % (hooks, rev))
with open(os.path.join(project, 'compile_flags.txt'), 'w') as f:
    f.write('-std=c++17\n-pthread\n')
must(project, 'git', 'init', '-q')
must(project, 'pre-commit', 'install')
shutil.copyfile(kills, os.path.join(project, 'src', 'kills.cpp'))
must(project, 'git', 'add', '-A')
first = run(project, 'git', 'commit', '-qm', 'a bug')
print(first.stdout)
print('commit with the bug: exit %d' % first.returncode)

with open(os.path.join(project, 'src', 'kills.cpp'), 'w') as f:
    f.write('#include <pthread.h>\n\nvoid stop(pthread_t worker) { pthread_join(worker, nullptr); }\n')
must(project, 'git', 'add', '-A')
second = run(project, 'git', 'commit', '-qm', 'fixed')
print(second.stdout)
print('commit of the fix: exit %d' % second.returncode)
