"""Times clang -fsyntax-only, the threadlife driver and clang-tidy with the
plugin over every file of a compilation database, one file at a time, each the
best of N repetitions, and prints each total beside the ratios. The driver and
clang-tidy start once per file and process all of its compile commands; clang
runs once per command."""

import argparse
import json
import os
import shlex
import subprocess
import time


def parse_args():
    p = argparse.ArgumentParser()
    for name in ('clang', 'resource-dir', 'threadlife', 'clang-tidy', 'plugin'):
        p.add_argument('--' + name, required=True)
    p.add_argument('--repetitions', type=int, default=5)
    p.add_argument('build_dir')
    return p.parse_args()


def syntax_only_command(entry, clang, resource_dir):
    args = entry.get('arguments') or shlex.split(entry['command'])
    kept, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ('-o', '-MF', '-MT', '-MQ'):
            skip = True
            continue
        if a in ('-c', '-MD', '-MMD') or a.startswith('-o'):
            continue
        kept.append(a)
    return [clang, '-fsyntax-only', '-resource-dir=' + resource_dir] + kept


def best_time(cmd, cwd, repetitions):
    best = float('inf')
    for _ in range(repetitions):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    a = parse_args()
    with open(os.path.join(a.build_dir, 'compile_commands.json')) as f:
        entries = json.load(f)
    # A file compiled by several targets has several commands; the analyzers
    # run all of them for the file, so clang's side is their sum.
    files = {}
    for e in entries:
        files.setdefault(os.path.join(e['directory'], e['file']), []).append(e)
    totals = {'clang -fsyntax-only': 0.0, 'threadlife': 0.0, 'clang-tidy + plugin': 0.0}
    for path, commands in files.items():
        for e in commands:
            totals['clang -fsyntax-only'] += best_time(
                syntax_only_command(e, a.clang, a.resource_dir), e['directory'], a.repetitions)
        cwd = commands[0]['directory']
        totals['threadlife'] += best_time(
            [a.threadlife, '-j1', '--quiet', '-p', a.build_dir, path], cwd, a.repetitions)
        totals['clang-tidy + plugin'] += best_time(
            [a.clang_tidy, '--load', a.plugin, '--checks=-*,threadlife-*', '--quiet',
             '-p', a.build_dir, path], cwd, a.repetitions)
    # How people run it on a project: one process for every file.
    totals['threadlife -p (one run)'] = best_time(
        [a.threadlife, '-j1', '--quiet', '-p', a.build_dir], a.build_dir, a.repetitions)
    base = totals['clang -fsyntax-only']
    tidy = totals['clang-tidy + plugin']
    print('%d files (%d compile commands) of %s, best of %d runs each' % (
        len(files), len(entries), a.build_dir, a.repetitions))
    for name, seconds in totals.items():
        print('  %-24s %8.3f s   %.2fx clang -fsyntax-only   %.2fx clang-tidy' % (
            name, seconds, seconds / base, seconds / tidy))


if __name__ == '__main__':
    main()
