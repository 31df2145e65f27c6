#!/usr/bin/env python3
"""Scores the checks on the real-world regression set.

    score.py --runner=driver|clang-tidy --threadlife=BIN --clang-tidy=BIN
             --plugin=SO [--known=FILE] [--markdown] [-j N]

Each case under cases/<check>/ reduces a real bug (its first line says where
it comes from) and its fix. A line that must be reported ends with
`// expect: <check>[, <check>...]`; every other line must be silent. A
`// Flags:` line gives the compiler flags (default: -std=c++17 -pthread for
C++, -std=c11 -pthread for C); headers the system lacks come from
test/checks/Inputs.

Every check of the set runs over every case. The score per check is
precision (reported lines that were expected) and recall (expected lines
that were reported). The file named by --known lists what the checks are
known to get wrong today, one `miss` or `false` per line; the run fails on
any other mistake (a regression) and on a listed one that is now right (the
list must shrink with the checks).
"""

import argparse
import collections
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(os.path.dirname(HERE), 'checks', 'Inputs')
EXPECT = re.compile(r'//\s*expect:\s*([a-z, -]+?)\s*$')
FLAGS = re.compile(r'^//\s*Flags:\s*(.*)$')
WARNING = re.compile(r'^(.*):(\d+):\d+: warning: .*\[threadlife-([a-z-]+)\]$')


def parse():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--runner', choices=['driver', 'clang-tidy'], required=True)
    p.add_argument('--threadlife')
    p.add_argument('--clang-tidy')
    p.add_argument('--plugin')
    p.add_argument('--cases', default=os.path.join(HERE, 'cases'))
    p.add_argument('--known', help='the list of known mistakes to hold to')
    p.add_argument('--markdown', action='store_true',
                   help='print the score as a Markdown table')
    p.add_argument('-j', type=int, default=os.cpu_count() or 1)
    args = p.parse_args()
    needed = ['threadlife'] if args.runner == 'driver' else ['clang_tidy', 'plugin']
    for name in needed:
        if not getattr(args, name):
            p.error('--%s is required with --runner=%s' % (name.replace('_', '-'), args.runner))
    return args


def cases(root):
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(('.c', '.cpp')):
                yield os.path.join(folder, name)


def expectations(path):
    expected, flags = set(), None
    with open(path) as f:
        for number, line in enumerate(f, 1):
            m = FLAGS.match(line)
            if m and number <= 3:
                flags = shlex.split(m.group(1))
            m = EXPECT.search(line)
            if m:
                for check in m.group(1).split(','):
                    expected.add((number, check.strip()))
    if flags is None:
        flags = ['-std=c11' if path.endswith('.c') else '-std=c++17', '-pthread']
    return expected, flags


def analyse(args, path, flags):
    checks = '--checks=-*,threadlife-*'
    compiler = flags + ['-isystem', INPUTS]
    if args.runner == 'driver':
        cmd = [args.threadlife, checks, '--quiet', '-j1', path, '--'] + compiler
    else:
        cmd = [args.clang_tidy, '--load', args.plugin, checks, '--quiet', path, '--'] + compiler
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1) or re.search(r': error: ', r.stdout):
        raise RuntimeError('%s failed (exit %d):\n%s%s' % (
            ' '.join(map(shlex.quote, cmd)), r.returncode, r.stdout, r.stderr))
    found = set()
    for line in r.stdout.splitlines():
        m = WARNING.match(line)
        if m and os.path.samefile(m.group(1), path):
            found.add((int(m.group(2)), m.group(3)))
    return found


def score(args):
    """Returns {check: Counter(tp, fp, fn)} and the list of mistakes."""
    work = [(p,) + expectations(p) for p in cases(args.cases)]
    counts = collections.defaultdict(collections.Counter)
    mistakes = []
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        futures = [pool.submit(analyse, args, p, flags) for p, _, flags in work]
        for (path, expected, _), future in zip(work, futures):
            found = future.result()
            name = os.path.relpath(path, args.cases)
            for line, check in sorted(expected | found):
                if (line, check) in expected and (line, check) in found:
                    counts[check]['tp'] += 1
                elif (line, check) in expected:
                    counts[check]['fn'] += 1
                    mistakes.append('miss %s:%d %s' % (name, line, check))
                else:
                    counts[check]['fp'] += 1
                    mistakes.append('false %s:%d %s' % (name, line, check))
    return len(work), counts, mistakes


def ratio(a, b):
    return a / b if b else 1.0


def report(total, counts, markdown):
    rows = []
    for check in sorted(counts):
        c = counts[check]
        rows.append((check, c['tp'] + c['fn'], c['tp'], c['fp'],
                     ratio(c['tp'], c['tp'] + c['fp']), ratio(c['tp'], c['tp'] + c['fn'])))
    tp = sum(c['tp'] for c in counts.values())
    fp = sum(c['fp'] for c in counts.values())
    fn = sum(c['fn'] for c in counts.values())
    rows.append(('all', tp + fn, tp, fp, ratio(tp, tp + fp), ratio(tp, tp + fn)))
    if markdown:
        print('| check | expected | found | false | precision | recall |')
        print('|---|---:|---:|---:|---:|---:|')
        for r in rows:
            print('| %s | %d | %d | %d | %.2f | %.2f |' % r)
    else:
        print('%d cases' % total)
        for r in rows:
            print('%-28s expected %3d  found %3d  false %3d  precision %.2f  recall %.2f' % r)


def main():
    args = parse()
    try:
        total, counts, mistakes = score(args)
    except RuntimeError as e:
        sys.exit(str(e))
    report(total, counts, args.markdown)
    if not args.known:
        return
    with open(args.known) as f:
        known = {l.strip() for l in f if l.strip() and not l.startswith('#')}
    new = sorted(set(mistakes) - known)
    fixed = sorted(known - set(mistakes))
    for m in new:
        print('new mistake: ' + m)
    for m in fixed:
        print('now right, remove from %s: %s' % (os.path.basename(args.known), m))
    if new or fixed:
        sys.exit(1)


if __name__ == '__main__':
    main()
