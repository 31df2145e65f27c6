#!/usr/bin/env python3
"""Applies every fix-it of the check inputs and of the example project, and
checks what a user relies on:

  - the original compiles, and the fixed copy still compiles with the same
    flags (under each standard the input's RUN lines name);
  - re-running the driver on the fixed copy, every finding that had a fix is
    gone and no new finding appears;
  - --export-fixes followed by clang-apply-replacements gives the same bytes
    as --fix.

    fixit_harness.py --threadlife T --clang C --apply-replacements A
                     --inputs DIR --repo R WORKDIR [SOURCE...]

With no SOURCE, every test/checks input and the examples project are used.
Prints one line per input and RUN line, and a summary; exits 1 on a failure.
"""

import argparse
import collections
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys


def parse():
    p = argparse.ArgumentParser()
    for name in ('threadlife', 'clang', 'apply-replacements', 'inputs', 'repo'):
        p.add_argument('--' + name, required=True)
    p.add_argument('work')
    p.add_argument('sources', nargs='*')
    return p.parse_args()


def run_lines(source, repo):
    """(check, tool args, compiler args) of each %check_threadlife RUN line."""
    runs = []
    with open(source) as f:
        for line in f:
            if 'RUN:' not in line or '%check_threadlife' not in line:
                continue
            # %S names the input's directory, as in lit: the copy is elsewhere.
            words = shlex.split(line.split('%check_threadlife', 1)[1]
                                .replace('%repo', repo)
                                .replace('%S', os.path.dirname(os.path.abspath(source))))
            # The harness compiles every input against the real library.
            words = [w for w in words
                     if not w.startswith('--check-suffix') and w != '--real-std']
            compiler = []
            if '--' in words:
                i = words.index('--')
                words, compiler = words[:i], words[i + 1:]
            # %s CHECK %t [tool args]
            runs.append((words[1], words[3:], compiler))
    return runs


class Failure(Exception):
    pass


def run(cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def findings(args, checks, tool, files, flags, cwd=None):
    """Multiset of (check, message) and the number of them with a fix."""
    r = run([args.threadlife, checks, '--format=json', '--quiet'] + tool + files + flags, cwd)
    if r.returncode not in (0, 1):
        raise Failure('driver exited %d: %s' % (r.returncode, r.stderr.strip()))
    report = json.loads(r.stdout)
    failed = [f for f in report['files'] if f['status'] != 'analysed']
    if failed:
        raise Failure('not analysed: %s' % failed)
    unfixed, fixed = collections.Counter(), 0
    for d in report['diagnostics']:
        if d['fixes']:
            fixed += 1
        else:
            unfixed[(d['check'], d['message'])] += 1
    total = collections.Counter((d['check'], d['message']) for d in report['diagnostics'])
    return total, unfixed, fixed


def compile_file(args, path, flags):
    r = run([args.clang, '-fsyntax-only'] + flags + [path])
    if r.returncode:
        raise Failure('%s does not compile:\n%s' % (os.path.basename(path), r.stderr[-2000:]))


def check_input(args, source, check, tool, compiler, work):
    ext = os.path.splitext(source)[1]
    if not any(a.startswith('-std=') for a in compiler):
        compiler = ['-std=c11' if ext == '.c' else '-std=c++20'] + compiler
    compiler = compiler + ['-isystem', args.inputs]
    checks = '--checks=-*,' + check
    shutil.rmtree(work, ignore_errors=True)
    copies = {}
    for name in ('fixed', 'exported'):
        os.makedirs(os.path.join(work, name))
        copies[name] = os.path.join(work, name, 'input' + ext)
        shutil.copyfile(source, copies[name])

    # The driver analyses only what compiles: the original does.
    before, unfixed, fixed = findings(args, checks, tool, [copies['fixed'], '--'], compiler)
    if not fixed:
        return 0
    r = run([args.threadlife, checks, '--fix', '--quiet'] + tool + [copies['fixed'], '--'] + compiler)
    if r.returncode not in (0, 1) or 'cannot write' in r.stderr:
        raise Failure('--fix failed: %s' % r.stderr.strip())
    compile_file(args, copies['fixed'], compiler)
    after, _, _ = findings(args, checks, tool, [copies['fixed'], '--'], compiler)
    if after != unfixed:
        raise Failure('after the fixes, findings %s; expected %s' % (
            dict(after - unfixed) or '(fewer)', dict(unfixed - after) or '(more)'))

    yaml = os.path.join(work, 'exported', 'fixes.yaml')
    r = run([args.threadlife, checks, '--export-fixes=' + yaml, '--quiet'] + tool +
            [copies['exported'], '--'] + compiler)
    r = run([args.apply_replacements, os.path.dirname(yaml)])
    if r.returncode:
        raise Failure('clang-apply-replacements failed: %s' % r.stderr.strip())
    with open(copies['fixed'], 'rb') as a, open(copies['exported'], 'rb') as b:
        if a.read() != b.read():
            raise Failure('--export-fixes + clang-apply-replacements differs from --fix')
    return fixed


def check_examples(args, work):
    """The example project: fixed in place, then built for real."""
    shutil.rmtree(work, ignore_errors=True)
    for name in ('fixed', 'exported'):
        shutil.copytree(os.path.join(args.repo, 'examples'), os.path.join(work, name))
        r = run(['cmake', '-S', '.', '-B', 'build', '-DCMAKE_EXPORT_COMPILE_COMMANDS=ON'],
                os.path.join(work, name))
        if r.returncode:
            raise Failure('cmake failed: %s' % r.stderr)
    fixed_dir = os.path.join(work, 'fixed')
    before, unfixed, fixed = findings(args, '--checks=threadlife-*', [], ['-p', 'build'], [], fixed_dir)
    r = run([args.threadlife, '-p', 'build', '--fix', '--quiet'], fixed_dir)
    if r.returncode not in (0, 1) or 'cannot write' in r.stderr:
        raise Failure('--fix failed: %s' % r.stderr.strip())
    r = run(['cmake', '--build', 'build'], fixed_dir)
    if r.returncode:
        raise Failure('the fixed examples do not build:\n%s' % r.stdout[-3000:])
    after, _, _ = findings(args, '--checks=threadlife-*', [], ['-p', 'build'], [], fixed_dir)
    if after != unfixed:
        raise Failure('after the fixes, findings %s; expected %s' % (dict(after), dict(unfixed)))
    exported_dir = os.path.join(work, 'exported')
    yaml = os.path.join(work, 'fixes.yaml')
    run([args.threadlife, '-p', 'build', '--export-fixes=' + yaml, '--quiet'], exported_dir)
    fixes_dir = os.path.join(work, 'yaml')
    os.makedirs(fixes_dir)
    shutil.move(yaml, fixes_dir)
    r = run([args.apply_replacements, fixes_dir])
    if r.returncode:
        raise Failure('clang-apply-replacements failed: %s' % r.stderr.strip())
    for path in glob.glob(os.path.join(fixed_dir, 'src', '*')):
        other = os.path.join(exported_dir, 'src', os.path.basename(path))
        with open(path, 'rb') as a, open(other, 'rb') as b:
            if a.read() != b.read():
                raise Failure('%s: --export-fixes + clang-apply-replacements differs from --fix'
                              % os.path.basename(path))
    return fixed


def main():
    args = parse()
    for name in ('threadlife', 'clang', 'apply_replacements', 'inputs', 'repo', 'work'):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    sources = args.sources or sorted(
        glob.glob(os.path.join(args.repo, 'test', 'checks', '*.c')) +
        glob.glob(os.path.join(args.repo, 'test', 'checks', '*.cpp')))
    passed = failed = total_fixes = 0
    jobs = [(s, i, r) for s in sources for i, r in enumerate(run_lines(s, args.repo))]
    for source, index, (check, tool, compiler) in jobs:
        label = '%s#%d' % (os.path.basename(source), index + 1)
        try:
            n = check_input(args, source, check, tool, compiler, os.path.join(args.work, 'input'))
            total_fixes += n
            passed += 1
            print('ok   %s (%d fixed)' % (label, n))
        except Failure as e:
            failed += 1
            print('FAIL %s: %s' % (label, e))
    if not args.sources:
        try:
            n = check_examples(args, os.path.join(args.work, 'examples'))
            total_fixes += n
            passed += 1
            print('ok   examples (%d fixed)' % n)
        except Failure as e:
            failed += 1
            print('FAIL examples: %s' % e)
    print('fix-it harness: %d passed, %d failed, %d findings fixed' % (passed, failed, total_fixes))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
