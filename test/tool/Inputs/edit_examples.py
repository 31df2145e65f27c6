"""Edits a copy of examples/src the way a day of work does, without touching
any of its bugs: lines added above them, code re-indented, one function
moved below another; and adds one new bug (a thread never joined).

    edit_examples.py DIR
"""

import os
import re
import sys

d = sys.argv[1]


def edit(name, change):
    path = os.path.join(d, name)
    with open(path) as f:
        text = f.read()
    new = change(text)
    assert new != text, name
    with open(path, 'w') as f:
        f.write(new)


# Lines above everything, in every file.
for name in ('main.cpp', 'logger.cpp', 'sampler.cpp', 'watchdog.cpp', 'worker_pool.cpp'):
    edit(name, lambda t: '// Copyright notice.\n//\n// More lines.\n\n' + t)

# Re-indented: two spaces become four.
edit('sampler.cpp', lambda t: re.sub(r'^(  +)', lambda m: m.group(1) * 2, t, flags=re.M))

# report_progress moved below main, with a declaration left above.
def move(t):
    m = re.search(r'static void report_progress\(const int &done\) \{\n.*?\n\}\n', t, re.S)
    body = m.group(0)
    t = t.replace(body, 'static void report_progress(const int &done);\n')
    return t + '\n' + body

edit('main.cpp', move)

# The new bug.
edit('main.cpp', lambda t: t + '\nvoid spawn_and_forget() {\n  std::thread leaked([] {});\n}\n')
