#!/usr/bin/env python3
"""A bounded mutation fuzzer of the driver: random token edits of the check
inputs, analysed in batches, asserting what any input must give:

  - no crash: the exit code is 0, 1 or 2, and stderr holds no crash report;
  - each file that cannot be analysed is named by exactly one error line.

    mutate.py --threadlife T --inputs DIR [--seconds S] [--seed N] WORKDIR

Inputs that once broke an assertion are kept in test/fuzz/regressions/ and
run first, every time. A new one is written there (and named in the output)
so that it can be committed with its fix.
"""

import argparse
import glob
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REGRESSIONS = os.path.join(HERE, 'regressions')
TOKEN = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|[A-Za-z_]\w*|\d+\w*|::|->|&&|\|\||\S')
VOCABULARY = ['{', '}', '(', ')', '[', ']', ';', ',', '*', '&', '&&', '::', '<', '>', '=', '~',
              '\n#define X\n', '\n#if 0\n', '\n#endif\n',
              'std::thread', 'std::jthread', 'join', 'detach', 'joinable', 'pthread_create',
              'pthread_cancel', 'while', 'for', 'if', 'else', 'return', 'throw', 'break',
              'nullptr', '0', '1', 'true', 'false', 'bool', 'auto', 'static', 'volatile',
              'template', 'typename', 'operator', 'this', 'stop_requested', '"x"']
CRASH = re.compile(r'Stack dump|PLEASE submit a bug report|LLVM ERROR|Assertion .* failed')


def pieces(text):
    """The text as (space before, token) pairs; a preprocessor line is one
    token, and // comments (the tests' CHECK lines) are dropped."""
    text = re.sub(r'//[^\n]*', '', text)
    out, pos = [], 0
    for line in re.finditer(r'^[ \t]*#[^\n]*$', text, re.M):
        out += split(text[pos:line.start()])
        out.append(('\n', line.group(0).strip() + '\n'))
        pos = line.end()
    return out + split(text[pos:])


def split(code):
    out, pos = [], 0
    for m in TOKEN.finditer(code):
        out.append((code[pos:m.start()], m.group(0)))
        pos = m.end()
    return out


def mutate(text, rng):
    tokens = pieces(text)
    for _ in range(rng.randint(1, 4)):
        if not tokens:
            break
        i = rng.randrange(len(tokens))
        edit = rng.choice(('delete', 'duplicate', 'swap', 'insert', 'replace', 'truncate'))
        if edit == 'delete':
            del tokens[i]
        elif edit == 'duplicate':
            tokens.insert(i, tokens[i])
        elif edit == 'swap' and i + 1 < len(tokens):
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        elif edit == 'insert':
            tokens.insert(i, (' ', rng.choice(VOCABULARY) + ' '))
        elif edit == 'replace':
            tokens[i] = (tokens[i][0], rng.choice(VOCABULARY))
        elif edit == 'truncate':
            tokens = tokens[:i]
    return ''.join(space + token for space, token in tokens) + '\n'


def flags(path, inputs):
    std = '-std=c11' if path.endswith('.c') else '-std=c++20'
    return [std, '-pthread', '-isystem', os.path.join(inputs, 'Inputs')]


def problems(threadlife, files, inputs):
    """What the driver got wrong on \\p files (all of one language), or []."""
    cmd = [threadlife, '-j2', '--quiet', '--checks=threadlife-*'] + files + ['--'] + flags(files[0], inputs)
    try:
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300,
                           errors='replace', text=True)
    except subprocess.TimeoutExpired:
        return ['timed out']
    found = []
    if r.returncode not in (0, 1, 2):
        found.append('exit code %d' % r.returncode)
    if CRASH.search(r.stderr):
        found.append('crash report on stderr')
    errors = [l for l in r.stderr.splitlines() if l.startswith('threadlife: error:')]
    for f in files:
        named = [l for l in errors if "'%s'" % f in l]
        if len(named) > 1:
            found.append('%d error lines for one file' % len(named))
    if len(errors) > len(files):
        found.append('%d error lines for %d files' % (len(errors), len(files)))
    return found


def keep(path):
    os.makedirs(REGRESSIONS, exist_ok=True)
    with open(path, 'rb') as f:
        digest = hashlib.sha1(f.read()).hexdigest()[:12]
    kept = os.path.join(REGRESSIONS, digest + os.path.splitext(path)[1])
    shutil.copyfile(path, kept)
    return kept


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--threadlife', required=True)
    p.add_argument('--inputs', required=True)
    p.add_argument('--seconds', type=float, default=90)
    p.add_argument('--seed', type=int, default=None)
    p.add_argument('work')
    args = p.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    print('mutation fuzzer: seed %d, %g s' % (seed, args.seconds))
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)

    failures = 0
    for kept in sorted(glob.glob(os.path.join(REGRESSIONS, '*'))):
        for problem in problems(args.threadlife, [kept], args.inputs):
            failures += 1
            print('FAIL kept input %s: %s' % (os.path.basename(kept), problem))

    seeds = {ext: sorted(glob.glob(os.path.join(args.inputs, '*' + ext))) for ext in ('.c', '.cpp')}
    texts = {path: open(path, errors='replace').read() for paths in seeds.values() for path in paths}
    deadline = time.monotonic() + args.seconds
    mutants = batch_number = 0
    while time.monotonic() < deadline and failures == 0:
        ext = rng.choice(['.cpp', '.cpp', '.cpp', '.c'])
        batch = []
        for i in range(6):
            source = rng.choice(seeds[ext])
            path = os.path.join(args.work, 'b%d_m%d%s' % (batch_number, i, ext))
            with open(path, 'w') as f:
                f.write(mutate(texts[source], rng))
            batch.append(path)
        batch_number += 1
        mutants += len(batch)
        if not problems(args.threadlife, batch, args.inputs):
            for path in batch:
                os.remove(path)
            continue
        for path in batch:  # find the input that does it
            for problem in problems(args.threadlife, [path], args.inputs):
                failures += 1
                print('FAIL %s (kept as %s): %s' % (path, keep(path), problem))
        if not failures:
            failures += 1
            print('FAIL a batch of %d inputs, none alone: %s' % (len(batch), batch))
    print('mutation fuzzer: %d mutants, %s' % (mutants, '%d failures' % failures if failures else 'no failure'))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
