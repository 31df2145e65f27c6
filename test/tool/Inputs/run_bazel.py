"""Runs bazel/threadlife.bzl as a Bazel user does, on the workspace in
Inputs/bazel (Debian's Bazel 4, offline): text reports, SARIF reports, the
command line of one action, and a rebuild after an edit.

    run_bazel.py ASPECT THREADLIFE INPUTS WORKDIR
"""

import os
import re
import shutil
import subprocess
import sys

aspect, threadlife, inputs, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
ws = os.path.join(work, 'ws')
shutil.copytree(os.path.join(inputs, 'workspace'), ws)
shutil.copyfile(aspect, os.path.join(ws, 'tools', 'threadlife.bzl'))
offline = os.path.join(inputs, 'offline')
env = dict(os.environ, HOME=os.path.join(work, 'home'))
startup = ['bazel', '--nohome_rc', '--output_user_root=' + os.path.join(work, 'root')]
flags = ['--jobs=2', '--noshow_progress', '--color=no', '--curses=no'] + [
    '--override_repository=%s=%s' % (name, os.path.join(offline, name))
    for name in ('rules_cc', 'rules_java', 'remote_coverage_tools')]
with_aspect = ['--aspects=//tools:threadlife.bzl%threadlife_aspect',
               '--output_groups=threadlife', '--define=threadlife=' + threadlife]


def bazel(*args):
    r = subprocess.run(startup + list(args), cwd=ws, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode:
        sys.exit('bazel %s failed:\n%s' % (args[0], r.stdout[-4000:]))
    return r.stdout


def reports(suffix):
    found = []
    for d, _, files in os.walk(os.path.join(ws, 'bazel-bin')):
        found += [os.path.join(d, f) for f in files if f.endswith(suffix)]
    return sorted(found)


try:
    bazel('build', '//...', *flags, *with_aspect)
    for path in reports('.txt'):
        print('== ' + os.path.relpath(path, os.path.join(ws, 'bazel-bin')))
        with open(path) as f:
            text = f.read().rstrip()
        if text:
            print(text)
    bazel('build', '//...', *flags, *with_aspect, '--define=threadlife_format=sarif')
    for path in reports('.sarif'):
        with open(path) as f:
            text = f.read()
        print('== %s: %s' % (os.path.relpath(path, os.path.join(ws, 'bazel-bin')),
                             ', '.join(re.findall(r'"ruleId": "([^"]+)"', text)) or 'no results'))
    query = bazel('aquery', 'mnemonic("Threadlife", //:stopper)', *flags, *with_aspect,
                  '--include_aspects')
    line = ' '.join(query.split('Command Line:', 1)[1].split())
    print('command line of //:stopper: ' + ' '.join(
        w for w in line.split() if w.strip("'").startswith(('-D', '-std', '-isystem', 'src/'))))
    before = {p: os.stat(p).st_mtime_ns for p in reports('.txt')}
    with open(os.path.join(ws, 'src', 'main.cc'), 'a') as f:
        f.write('// edited\n')
    bazel('build', '//...', *flags, *with_aspect)
    again = [os.path.relpath(p, os.path.join(ws, 'bazel-bin'))
             for p in reports('.txt') if os.stat(p).st_mtime_ns != before.get(p)]
    print('after an edit of src/main.cc, analysed again: %s' % ', '.join(again))
finally:
    subprocess.run(startup + ['shutdown'], cwd=ws, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
