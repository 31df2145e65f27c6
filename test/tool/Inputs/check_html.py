"""Opens an HTML report of threadlife in headless Chromium as a reader would:
takes screenshots of the index and of one finding's page (into WORKDIR, not
the source tree) and reads the rendered DOM: the rows the index lists, how
long it took to draw them, and the numbered steps of the finding's path.

    check_html.py CHROMIUM REPORT_DIR WORKDIR FINDING_ID
"""

import os
import re
import subprocess
import sys

chromium, report, work, finding = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
base = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
        '--user-data-dir=' + os.path.join(work, 'profile'), '--window-size=1280,1000']
env = dict(os.environ, HOME=work)


def chrome(*args):
    r = subprocess.run([chromium] + base + list(args), env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=120)
    if r.returncode:
        sys.exit('chromium failed: %s' % r.stderr[-2000:])
    return r.stdout


def url(page):
    return 'file://' + os.path.abspath(os.path.join(report, page))


def screenshot(page, name):
    png = os.path.join(work, name)
    chrome('--screenshot=' + png, url(page))
    with open(png, 'rb') as f:
        head = f.read(8)
    size = os.path.getsize(png)
    ok = head == b'\x89PNG\r\n\x1a\n' and size > 20000
    print('%s: %s' % (name, 'a PNG screenshot' if ok else 'no usable screenshot (%d bytes)' % size))


screenshot('index.html', 'index.png')
screenshot('findings/%s.html' % finding, 'finding.png')

index = chrome('--dump-dom', url('index.html'))
rows = len(re.findall(r'<tr class="finding"', index))
rendered = int(re.search(r'data-rendered-ms="(\d+)"', index).group(1))
page = re.search(r'<span id="page">([^<]*)</span>', index).group(1)
print('index: %d rows shown, %s' % (rows, page))
print('index drawn in %s' % ('under 2 s' if rendered < 2000 else '%d ms' % rendered))

dom = chrome('--dump-dom', url('findings/%s.html' % finding))
steps = re.findall(r'<tr class="step( final)?" id="step(\d+)">.*?<span class="step-text">(.*?)</span>', dom)
for final, number, text in steps:
    print('step %s%s: %s' % (number, ' (the finding)' if final else '', text))
print('lesson: %s' % ('shown' if 'What goes wrong</h2>' in dom else 'missing'))
print('fix: %s' % ('shown as a diff' if '<pre class="diff">' in dom else 'none'))
