"""Times clang -fsyntax-only, the threadlife driver and clang-tidy with the
plugin over every file of a compilation database, one file at a time, each the
best of N repetitions, and prints each total beside the ratios. The driver and
clang-tidy start once per file and process all of its compile commands; clang
runs once per command.

Then the result cache (--cache-dir), over the whole project in one run each:
a cold run into an empty cache, a run with nothing changed, a run after one
source file's content changed, and one after a change to the project header
that the number of files nearest a quarter of them include (read from the
cache's entries). Each changed file gets its bytes back at once."""

import argparse
import json
import glob
import os
import shlex
import shutil
import subprocess
import tempfile
import time


def parse_args():
    p = argparse.ArgumentParser()
    for name in ('clang', 'resource-dir', 'threadlife', 'clang-tidy', 'plugin'):
        p.add_argument('--' + name, required=True)
    p.add_argument('--repetitions', type=int, default=5)
    p.add_argument('build_dir')
    args = p.parse_args()
    # Every command below runs in some other directory.
    args.build_dir = os.path.abspath(args.build_dir)
    return args


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


def timed(cmd, cwd):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def quarter_header(cache_dir, sources, project_root):
    """The project header included by the count of files nearest a quarter."""
    counts = {}
    for entry in glob.glob(os.path.join(cache_dir, '*', '*.json')):
        with open(entry) as f:
            inputs = json.load(f).get('inputs', [])
        for i in inputs:
            path = i['path']
            if path.startswith(project_root) and path not in sources:
                counts[path] = counts.get(path, 0) + 1
    if not counts:
        return None
    target = len(sources) / 4
    return min(counts, key=lambda h: (abs(counts[h] - target), h)), counts


def with_changed(path, run):
    """Runs run() while path ends with one more comment line."""
    with open(path, 'rb') as f:
        original = f.read()
    try:
        with open(path, 'ab') as f:
            f.write(b'\n// changed by bench/analyzer\n')
        return run()
    finally:
        with open(path, 'wb') as f:
            f.write(original)


def cache_times(a, files):
    cache = tempfile.mkdtemp(prefix='threadlife-bench-cache-')
    try:
        cmd = [a.threadlife, '-j1', '--quiet', '--cache-dir=' + cache, '-p', a.build_dir]
        run = lambda: timed(cmd, a.build_dir)
        times = {'cold': run(), 'nothing changed': run()}
        sources = sorted(files)
        first = next((f for f in sources if f.endswith(('.cc', '.cpp', '.cxx'))), sources[0])
        times['one source changed'] = with_changed(first, run)
        run()  # the source has its bytes back: warm again
        root = os.path.commonpath(list(files))
        found = quarter_header(cache, set(files), root)
        if found:
            header, counts = found
            times['header of %d/%d files changed' % (counts[header], len(files))] = \
                with_changed(header, run)
        return times
    finally:
        shutil.rmtree(cache, ignore_errors=True)


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
    cached = cache_times(a, files)
    cold = cached['cold']
    print('threadlife -p --cache-dir, one run each:')
    for name, seconds in cached.items():
        print('  %-34s %8.3f s   %.3fx the cold run' % (name, seconds, seconds / cold))


if __name__ == '__main__':
    main()
