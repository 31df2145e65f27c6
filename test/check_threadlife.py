#!/usr/bin/env python3
"""Runs one check over one test source and verifies its output with FileCheck.

    check_threadlife.py [runner options] SOURCE CHECK TEMP [tool args] [-- compiler args]

The source is copied to TEMP (plus its extension), analysed with --fix by the
chosen runner, and then:
  CHECK-MESSAGES[-SUFFIX]  are matched against the warnings (notes removed);
                           any other warning or error fails the test.
  CHECK-NOTES[-SUFFIX]     are matched against warnings and notes together.
  CHECK-FIXES[-SUFFIX]     are matched against the fixed file.
--check-suffixes=A,B checks the lines of several suffixes at once (lines
common to several runs under one suffix, the rest under others). A source
with none of the first two expects no warning at all. The same
conventions as clang-tidy's own check tests, so tests read the same.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys


def parse():
    # Tool arguments pass through untouched: no -h, no abbreviations, so
    # clang-tidy's single-dash options (-header-filter) are not taken for ours.
    p = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    p.add_argument('--runner', choices=['driver', 'clang-tidy'], required=True)
    p.add_argument('--threadlife', required=True)
    p.add_argument('--clang-tidy', required=True)
    p.add_argument('--plugin', required=True)
    p.add_argument('--filecheck', required=True)
    p.add_argument('--inputs', required=True)
    p.add_argument('--check-suffix', '--check-suffixes', dest='suffixes', default='')
    # C++ inputs compile against the mock standard headers of Inputs/std
    # unless they need the real library (the runtime library's headers do).
    p.add_argument('--real-std', action='store_true')
    p.add_argument('source')
    p.add_argument('check')
    p.add_argument('temp')
    argv = sys.argv[1:]
    compiler = []
    if '--' in argv:
        i = argv.index('--')
        argv, compiler = argv[:i], argv[i + 1:]
    args, tool = p.parse_known_args(argv)
    return args, tool, compiler


def run_filecheck(args, check_file, input_file, prefix, implicit_not):
    cmd = [args.filecheck, check_file, '--input-file=' + input_file,
           '--check-prefixes=' + prefix, '--strict-whitespace', '--allow-unused-prefixes']
    if implicit_not:
        cmd.append('--implicit-check-not=' + implicit_not)
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode:
        sys.exit('FileCheck %s failed:\n%s' % (prefix, r.stdout))


def main():
    args, tool, compiler = parse()
    ext = os.path.splitext(args.source)[1]
    temp = args.temp + ext
    os.makedirs(os.path.dirname(os.path.abspath(temp)), exist_ok=True)
    shutil.copyfile(args.source, temp)
    with open(args.source) as f:
        text = f.read()

    suffixes = ['-' + s for s in args.suffixes.split(',')] if args.suffixes else ['']
    messages, notes, fixes = (','.join('CHECK-%s%s' % (k, s) for s in suffixes)
                              for k in ('MESSAGES', 'NOTES', 'FIXES'))
    has = {p: any(re.search(r'\b%s:' % re.escape(q), text) for q in p.split(','))
           for p in (messages, notes, fixes)}

    if not any(a.startswith('-std=') for a in compiler):
        compiler.insert(0, '-std=c11' if ext == '.c' else '-std=c++20')
    if ext != '.c' and not args.real_std:
        compiler += ['-nostdinc++', '-isystem', os.path.join(args.inputs, 'std')]
    compiler += ['-isystem', args.inputs]

    checks = '--checks=-*,' + args.check
    if args.runner == 'driver':
        cmd = [args.threadlife, checks, '--fix', '--quiet', '-j1'] + tool + [temp, '--'] + compiler
    else:
        cmd = [args.clang_tidy, '--load', args.plugin, checks, '--fix', '--quiet'] + tool + [temp, '--'] + compiler
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output = r.stdout
    if 'error:' in output or r.returncode not in (0, 1):
        sys.exit('%s failed (exit %d):\n%s%s' % (' '.join(cmd), r.returncode, output, r.stderr))
    print(output)

    diag = re.compile(r'^.*:\d+:\d+: (warning|error|note): ')
    warning_lines = [l for l in output.splitlines() if diag.match(l) and ': note: ' not in l]
    all_lines = [l for l in output.splitlines() if diag.match(l)]
    with open(temp + '.messages', 'w') as f:
        f.write('\n'.join(warning_lines) + '\n')
    with open(temp + '.notes', 'w') as f:
        f.write('\n'.join(all_lines) + '\n')

    if not has[messages] and not has[notes]:
        if warning_lines:
            sys.exit('expected no warning, got:\n' + '\n'.join(warning_lines))
    if has[messages]:
        run_filecheck(args, args.source, temp + '.messages', messages, '{{warning|error}}:')
    if has[notes]:
        run_filecheck(args, args.source, temp + '.notes', notes, '{{note|warning|error}}:')
    if has[fixes]:
        run_filecheck(args, args.source, temp, fixes, '')


if __name__ == '__main__':
    main()
