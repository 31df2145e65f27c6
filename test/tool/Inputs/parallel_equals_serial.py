"""Analyses a generated project of 40 files in 8 directories, named by
relative paths and compiled with relative include directories, once with
-j1 and ten times in parallel: every parallel run must give the same bytes
(JSON and SARIF) and the same exit code, and no file may fail.

    parallel_equals_serial.py THREADLIFE WORKDIR
"""

import json
import os
import shutil
import subprocess
import sys

DIRS, FILES = 8, 5


def generate(root):
    shutil.rmtree(root, ignore_errors=True)
    entries, names = [], []
    for d in range(DIRS):
        src = os.path.join(root, 'd%d' % d)
        os.makedirs(os.path.join(src, 'inc'))
        with open(os.path.join(src, 'inc', 'defs.h'), 'w') as f:
            f.write('#define SIGNAL_OF_D%d SIGTERM\n' % d)
        for n in range(FILES):
            name = 'f%d.cpp' % n
            with open(os.path.join(src, name), 'w') as f:
                f.write('#include "defs.h"\n#include <pthread.h>\n#include <signal.h>\n')
                if (d + n) % 2:
                    f.write('void f%d(pthread_t t) { pthread_kill(t, SIGNAL_OF_D%d); }\n' % (n, d))
                else:
                    f.write('void f%d() {}\n' % n)
            entries.append({'directory': src, 'file': name,
                            'command': 'c++ -std=c++17 -Iinc -c %s' % name})
            names.append(os.path.join('d%d' % d, name))
    os.makedirs(os.path.join(root, 'build'))
    with open(os.path.join(root, 'build', 'compile_commands.json'), 'w') as f:
        json.dump(entries, f, indent=1)
    return names


def run(threadlife, root, names, jobs, fmt):
    r = subprocess.run([threadlife, '-p', 'build', '-j', str(jobs), '--format=' + fmt] + names,
                       cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if 'not analysed' in r.stderr or 'error:' in r.stderr:
        sys.exit('-j %d --format=%s: a file failed:\n%s' % (jobs, fmt, r.stderr))
    return r.returncode, r.stdout


def main():
    threadlife, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    names = generate(root)
    serial = {fmt: run(threadlife, root, names, 1, fmt) for fmt in ('json', 'sarif')}
    findings = len(json.loads(serial['json'][1])['diagnostics'])
    if findings != DIRS * FILES // 2:
        sys.exit('expected %d findings, got %d' % (DIRS * FILES // 2, findings))
    for attempt in range(10):
        fmt = ('json', 'sarif')[attempt % 2]
        if run(threadlife, root, names, 4, fmt) != serial[fmt]:
            sys.exit('run %d (-j 4, %s) differs from -j 1' % (attempt + 1, fmt))
    print('parallel runs equal the serial run: %d files, %d findings' % (len(names), findings))


if __name__ == '__main__':
    main()
