"""threadlife over every cc_library, cc_binary and cc_test of a Bazel build.

One action per source file, with the flags Bazel compiles it with, so that
Bazel caches each file's report and remote execution spreads the analysis:

    bazel build //... \\
        --aspects=//tools:threadlife.bzl%threadlife_aspect \\
        --output_groups=threadlife \\
        --define=threadlife=/usr/local/bin/threadlife

--define=threadlife_format=sarif writes SARIF instead of text. Each report is
bazel-bin/<package>/<target>.threadlife/<source>.txt (or .sarif). Findings do
not fail the build; a file that threadlife cannot analyse does, with its
reason. See docs/reports.md.
"""

load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

_RULES = ["cc_library", "cc_binary", "cc_test"]
_C = ["c"]
_CXX = ["cc", "cpp", "cxx", "c++", "C", "cp", "CPP"]

# Text names files by their path in the sandbox: made relative to the
# workspace, as the compiler's own messages are.
_RUN_TEXT = """\
out="$1"; shift
threadlife="$1"; shift
"$threadlife" "$@" > "$out" 2>&1
status=$?
sed -i "s|$PWD/||g" "$out"
if [ $status -ne 0 ]; then cat "$out" >&2; exit $status; fi
"""

def _standard_flags(ctx, toolchain, action):
    """The -std= the toolchain gives the compile command of `action`."""
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = toolchain,
        user_compile_flags = [],
    )
    flags = cc_common.get_memory_inefficient_command_line(
        feature_configuration = features,
        action_name = action,
        variables = variables,
    )
    return [f for f in flags if f.startswith("-std=")]

def _compile_flags(ctx, context, is_c):
    """The compile command's flags, in the order Bazel gives them."""
    cpp = ctx.fragments.cpp
    flags = _standard_flags(ctx, find_cpp_toolchain(ctx), "c-compile" if is_c else "c++-compile")
    flags += cpp.copts + (cpp.conlyopts if is_c else cpp.cxxopts)
    flags += ["-D" + d for d in context.defines.to_list() + context.local_defines.to_list()]
    for path in context.quote_includes.to_list():
        flags += ["-iquote", path]
    flags += ["-I" + path for path in context.includes.to_list()]
    for path in context.system_includes.to_list():
        flags += ["-isystem", path]
    return flags + [ctx.expand_make_variables("copts", c, {}) for c in ctx.rule.attr.copts]

def _report(ctx, threadlife, sarif, context, src):
    is_c = src.extension in _C
    out = ctx.actions.declare_file("%s.threadlife/%s.%s" % (
        ctx.label.name,
        src.short_path.replace("../", "external/"),
        "sarif" if sarif else "txt",
    ))
    args = ctx.actions.args()
    if not sarif:
        args.add_all([out.path, threadlife])
    args.add_all([src.path, "--quiet"])
    if sarif:
        args.add_all(["--format=sarif", "-o", out.path, "--source-root=."])
    args.add("--")
    args.add_all(_compile_flags(ctx, context, is_c))
    inputs = depset([src], transitive = [context.headers])
    progress = "threadlife %s" % src.short_path
    if sarif:
        ctx.actions.run(executable = threadlife, arguments = [args], inputs = inputs,
                        outputs = [out], mnemonic = "Threadlife", progress_message = progress)
    else:
        ctx.actions.run_shell(command = _RUN_TEXT, arguments = [args], inputs = inputs,
                              outputs = [out], mnemonic = "Threadlife", progress_message = progress)
    return out

def _threadlife_aspect_impl(target, ctx):
    if ctx.rule.kind not in _RULES or CcInfo not in target:
        return []
    if ctx.label.workspace_name:  # an external repository's target
        return [OutputGroupInfo(threadlife = depset())]
    threadlife = ctx.var.get("threadlife")
    if not threadlife:
        fail("threadlife_aspect: pass --define=threadlife=<absolute path of threadlife>")
    sarif = ctx.var.get("threadlife_format", "text") == "sarif"
    context = target[CcInfo].compilation_context
    reports = [
        _report(ctx, threadlife, sarif, context, src)
        for src in ctx.rule.files.srcs
        if src.extension in _C + _CXX
    ]
    below = [
        dep[OutputGroupInfo].threadlife
        for dep in getattr(ctx.rule.attr, "deps", [])
        if OutputGroupInfo in dep and hasattr(dep[OutputGroupInfo], "threadlife")
    ]
    return [OutputGroupInfo(threadlife = depset(reports, transitive = below))]

threadlife_aspect = aspect(
    implementation = _threadlife_aspect_impl,
    attr_aspects = ["deps"],
    attrs = {
        "_cc_toolchain": attr.label(default = Label("@bazel_tools//tools/cpp:current_cc_toolchain")),
    },
    fragments = ["cpp"],
)
