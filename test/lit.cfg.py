# lit configuration for the check tests (test/checks) and the driver tests
# (test/tool). The check tests run through one of two runners, chosen with
# --param runner=driver|clang-tidy, against the same CHECK lines:
#   driver      build/bin/threadlife
#   clang-tidy  stock clang-tidy with --load build/lib/libthreadlife-tidy.so
# --param build=<dir> names the build directory (default: build/).

import json
import os
import shlex
import sys

import lit.formats

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
build = os.path.abspath(lit_config.params.get('build', os.path.join(root, 'build')))
runner = lit_config.params.get('runner', 'driver')
if runner not in ('driver', 'clang-tidy'):
    lit_config.fatal("runner must be 'driver' or 'clang-tidy', not %r" % runner)

paths_file = os.path.join(build, 'test', 'lit-paths.json')
if not os.path.exists(paths_file):
    lit_config.fatal('%s is missing: build the checker first (scripts/test does)' % paths_file)
with open(paths_file) as f:
    paths = json.load(f)

config.name = 'threadlife[%s]' % runner
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = ['.c', '.cpp', '.test']
config.excludes = ['Inputs', 'shim', 'CMakeLists.txt', 'lit.cfg.py', 'check_threadlife.py']
config.test_source_root = here
config.test_exec_root = os.path.join(build, 'test', 'lit-' + runner)
config.available_features.add('runner-' + runner)

python = shlex.quote(sys.executable)
check = ' '.join([
    python, shlex.quote(os.path.join(here, 'check_threadlife.py')),
    '--runner=' + runner,
    '--threadlife=' + shlex.quote(paths['threadlife']),
    '--clang-tidy=' + shlex.quote(paths['clang_tidy']),
    '--plugin=' + shlex.quote(paths['plugin']),
    '--filecheck=' + shlex.quote(paths['filecheck']),
    '--inputs=' + shlex.quote(os.path.join(here, 'checks', 'Inputs')),
])
# FileCheck first: later expansions contain paths that end in 'FileCheck'.
config.substitutions.append(('FileCheck', shlex.quote(paths['filecheck'])))
config.substitutions.append(('%check_threadlife', check))
config.substitutions.append(('%{threadlife_dir}', shlex.quote(os.path.dirname(paths['threadlife']))))
config.substitutions.append(('%threadlife', shlex.quote(paths['threadlife'])))
config.substitutions.append(('%clang_tidy_plugin', '%s --load %s' % (
    shlex.quote(paths['clang_tidy']), shlex.quote(paths['plugin']))))
config.substitutions.append(('%python', python))
config.substitutions.append(('%repo', shlex.quote(root)))
config.substitutions.append(('%not', shlex.quote(paths['not'])))
llvm_bin = os.path.dirname(paths['filecheck'])
config.substitutions.append(('%clang_apply_replacements', shlex.quote(os.path.join(llvm_bin, 'clang-apply-replacements'))))
config.substitutions.append(('%clang', shlex.quote(paths['clang'])))
config.substitutions.append(('%count', shlex.quote(os.path.join(os.path.dirname(paths['filecheck']), 'count'))))

# The plugin refuses a clang-tidy of another major version: the scripts install
# one (19 for a 22 build, 22 otherwise).
other_version = '19' if paths['llvm_version'] != '19' else '22'
other_tidy = '/usr/lib/llvm-%s/bin/clang-tidy' % other_version
if os.path.exists(other_tidy):
    config.available_features.add('other-clang-tidy')
    config.substitutions.append(('%other_clang_tidy', shlex.quote(other_tidy)))
    config.substitutions.append(('%other_version', other_version))
config.substitutions.append(('%plugin', shlex.quote(paths['plugin'])))
# The real-world regression set (test/realworld), scored through this runner.
config.substitutions.append(('%score_realworld', ' '.join([
    python, shlex.quote(os.path.join(here, 'realworld', 'score.py')),
    '--runner=' + runner,
    '--threadlife=' + shlex.quote(paths['threadlife']),
    '--clang-tidy=' + shlex.quote(paths['clang_tidy']),
    '--plugin=' + shlex.quote(paths['plugin']),
    '--known=' + shlex.quote(os.path.join(here, 'realworld', 'known.txt')),
    '-j2'])))
config.substitutions.append(('%llvm_version', paths['llvm_version']))

# Microsoft's SARIF multitool, which scripts/test installs from npm.
config.substitutions.append(('%sarif_multitool', ' '.join([
    python, shlex.quote(os.path.join(here, 'tool', 'Inputs', 'sarif_multitool.py')),
    shlex.quote(os.path.join(build, 'tools', 'node_modules', '@microsoft',
                             'sarif-multitool-linux', 'Sarif.Multitool'))])))

# Debian's chromium, which scripts/test installs, draws the HTML report.
config.substitutions.append(('%chromium', '/usr/bin/chromium'))

# A terminal-free, colour-free environment: outputs are compared byte for byte.
config.environment['TERM'] = 'dumb'
for name in ('HOME', 'PATH'):
    if name in os.environ:
        config.environment[name] = os.environ[name]
