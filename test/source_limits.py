#!/usr/bin/env python3
"""Holds the checker's source to its size limits: no file in checks/ over 600
lines, no function over 80 (clang-tidy's readability-function-size, run on
every checks/ source through the build's compile_commands.json)."""
import argparse
import concurrent.futures
import os
import subprocess
import sys

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80


def sources(root, endings):
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(endings):
                yield os.path.join(folder, name)


def function_size(clang_tidy, build, path):
    config = ('{CheckOptions: {readability-function-size.LineThreshold: %d}}'
              % MAX_FUNCTION_LINES)
    r = subprocess.run([clang_tidy, '-p', build, '--quiet',
                        '--checks=-*,readability-function-size',
                        '--config=' + config, path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       text=True)
    return [line for line in r.stdout.splitlines() if ': warning: ' in line]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--checks', required=True, help='the checks/ folder')
    p.add_argument('--build', required=True, help='a build with compile_commands.json')
    p.add_argument('--clang-tidy', required=True)
    p.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    args = p.parse_args()

    problems = []
    for path in sources(args.checks, ('.h', '.cpp', '.def')):
        with open(path) as f:
            n = sum(1 for _ in f)
        if n > MAX_FILE_LINES:
            problems.append('%s: %d lines (at most %d)' % (path, n, MAX_FILE_LINES))
    cpps = list(sources(args.checks, ('.cpp',)))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for warnings in pool.map(lambda f: function_size(args.clang_tidy, args.build, f), cpps):
            problems.extend(warnings)
    for line in problems:
        print(line)
    print('%d files, %d problems' % (len(list(sources(args.checks, ('.h', '.cpp', '.def')))),
                                     len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
