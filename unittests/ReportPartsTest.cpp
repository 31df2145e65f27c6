//===--- ReportPartsTest.cpp - URIs, source roots, diffs, fingerprints ----===//

#include "Fingerprint.h"
#include "Html.h"
#include "LineFilter.h"
#include "SourceRoot.h"
#include "Uri.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using clang::tidy::ClangTidyError;
using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;

namespace threadlife {
namespace {

TEST(Uri, EncodesEveryByteOutsideTheUnreservedSet) {
  EXPECT_EQ(percentEncode("a b/é~_.-#%"), "a%20b/%C3%A9~_.-%23%25");
  EXPECT_EQ(fileUri("/src/x y.cpp"), "file:///src/x%20y.cpp");
}

TEST(Uri, DecodesWhatItEncodes) {
  const std::string Path = "/src/with space é/[x]#1%.cpp";
  EXPECT_EQ(uriPath(fileUri(Path)), Path);
  EXPECT_EQ(uriPath(percentEncode("rel/a b.cpp")), "rel/a b.cpp");
  EXPECT_EQ(uriPath("file://localhost/a"), "/a");
  EXPECT_EQ(uriPath("https://host/a"), std::nullopt);
  EXPECT_EQ(uriPath("file://otherhost/a"), std::nullopt);
  EXPECT_EQ(uriPath("a%2"), std::nullopt);
  EXPECT_EQ(uriPath("a%zz"), std::nullopt);
}

TEST(SourceRoot, PathsRelativeToTheRoot) {
  EXPECT_EQ(relativeToRoot("/r/src/a.cpp", "/r"), "src/a.cpp");
  EXPECT_EQ(relativeToRoot("/r/src/a.cpp", "/r/"), "src/a.cpp");
  EXPECT_EQ(relativeToRoot("/rx/a.cpp", "/r"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/r", "/r"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a.cpp", "/"), "a.cpp");
}

TEST(SourceRoot, CommonDirectoryOutsideAnyWorkTree) {
  EXPECT_EQ(
      defaultSourceRoot({"/nonexistent/p/a/x.cpp", "/nonexistent/p/b/y.cpp"}),
      "/nonexistent/p");
  EXPECT_EQ(defaultSourceRoot({"/nonexistent/p/a/x.cpp"}), "/nonexistent/p/a");
}

TEST(LineFilter, TakesTheNewSideOfEachHunk) {
  LineFilter Filter =
      LineFilter::fromDiff("diff --git a/x.cpp b/x.cpp\n"
                           "--- a/x.cpp\n"
                           "+++ b/x.cpp\n"
                           "@@ -3 +3 @@ void f() {\n"
                           "@@ -10,2 +11,3 @@\n"
                           "@@ -20,4 +22,0 @@\n" // deletions only
                           "--- a/gone.cpp\n"
                           "+++ /dev/null\n"
                           "@@ -1,5 +0,0 @@\n"
                           "--- a/trimmed.cpp\n"
                           "+++ b/trimmed.cpp\n"
                           "@@ -4,2 +3,0 @@\n"
                           "--- a/with space.cpp\t\n"
                           "+++ b/with space.cpp\t\n"
                           "@@ -0,0 +1,2 @@\n"
                           "--- \"a/q\\\"uote\\303\\251.cpp\"\n"
                           "+++ \"b/q\\\"uote\\303\\251.cpp\"\n"
                           "@@ -0,0 +1 @@\n",
                           "/top");
  EXPECT_FALSE(Filter.covers("/top/x.cpp", 2));
  EXPECT_TRUE(Filter.covers("/top/x.cpp", 3));
  EXPECT_FALSE(Filter.covers("/top/x.cpp", 10));
  EXPECT_TRUE(Filter.covers("/top/x.cpp", 11));
  EXPECT_TRUE(Filter.covers("/top/x.cpp", 13));
  EXPECT_FALSE(Filter.covers("/top/x.cpp", 14));
  EXPECT_FALSE(Filter.covers("/top/x.cpp", 22));
  // A file whose changes only delete is not matched whole.
  EXPECT_FALSE(Filter.covers("/top/trimmed.cpp", 3));
  EXPECT_FALSE(Filter.covers("/top/gone.cpp", 1));
  EXPECT_TRUE(Filter.covers("/top/with space.cpp", 2));
  EXPECT_TRUE(Filter.covers("/top/q\"uote\xC3\xA9.cpp", 1));
  EXPECT_FALSE(Filter.covers("/elsewhere/x.cpp", 3));
}

TEST(LineFilter, NamesMatchTheEndOfThePathAsInClangTidy) {
  llvm::Expected<LineFilter> Filter =
      LineFilter::parse(R"([{"name":"src/a.cpp","lines":[[1,3],[7,7]]},)"
                        R"( {"name":"b.h"}])");
  ASSERT_TRUE(bool(Filter)) << toString(Filter.takeError());
  EXPECT_TRUE(Filter->covers("/p/src/a.cpp", 3));
  EXPECT_FALSE(Filter->covers("/p/src/a.cpp", 4));
  EXPECT_TRUE(Filter->covers("/p/src/a.cpp", 7));
  EXPECT_TRUE(Filter->covers("/p/include/b.h", 1000));
  EXPECT_FALSE(Filter->covers("/p/c.cpp", 1));
  for (const char *Bad :
       {"{}", R"([{"lines":[[1,2]]}])", R"([{"name":"a","lines":[[3,1]]}])",
        R"([{"name":"a","lines":[[-1,2]]}])", "[{"}) {
    llvm::Expected<LineFilter> Refused = LineFilter::parse(Bad);
    EXPECT_FALSE(bool(Refused)) << Bad;
    if (!Refused)
      EXPECT_TRUE(llvm::StringRef(toString(Refused.takeError()))
                      .starts_with("invalid --line-filter: "));
  }
}

/// A file of \p Text, removed at the end of the test.
struct TempSource {
  explicit TempSource(llvm::StringRef Text) {
    EXPECT_FALSE(llvm::sys::fs::createTemporaryFile("source", "cpp", Path));
    std::error_code EC;
    llvm::raw_fd_ostream(Path, EC) << Text;
  }
  ~TempSource() { llvm::sys::fs::remove(Path); }
  llvm::SmallString<128> Path;
};

ClangTidyError finding(llvm::StringRef File, unsigned Offset,
                       llvm::StringRef Check = "threadlife-forced-kill") {
  ClangTidyError E(Check.str(), Diagnostic::Warning, "/", false);
  E.Message.FilePath = File.str();
  E.Message.FileOffset = Offset;
  return E;
}

TEST(Fingerprint, SurvivesMovedLinesAndWhiteSpace) {
  TempSource Before("void f() {\n  kill(t);\n}\n");
  SourceText Text;
  // Each run from the same root: the temporary files differ in name only.
  auto Print = [&](const TempSource &F, unsigned Offset, llvm::StringRef Fn) {
    Fingerprinter Run(llvm::sys::path::parent_path(F.Path).str(), Text);
    return Run.next(finding(F.Path, Offset), Fn);
  };
  std::string Old = Print(Before, 13, "f");
  EXPECT_EQ(Old.substr(Old.size() - 2), ":0");
  // Another name, another function, another check: another fingerprint.
  EXPECT_NE(Print(Before, 13, "g"), Old);
  Fingerprinter Run(llvm::sys::path::parent_path(Before.Path).str(), Text);
  EXPECT_NE(
      Run.next(finding(Before.Path, 13, "threadlife-unjoined-thread"), "f"),
      Old);

  // The same line moved and re-spaced, in a file of the same name.
  TempSource Moved("// new line\n\nvoid f() {\n      kill( t );\n}\n");
  llvm::SmallString<128> Renamed(Before.Path);
  llvm::sys::fs::remove(Renamed);
  ASSERT_FALSE(llvm::sys::fs::rename(Moved.Path, Renamed));
  SourceText Fresh;
  Fingerprinter Again(llvm::sys::path::parent_path(Renamed).str(), Fresh);
  EXPECT_EQ(Again.next(finding(Renamed, 30), "f"), Old);
  // A second finding with the same hash in the run is told apart.
  std::string Second = Again.next(finding(Renamed, 30), "f");
  EXPECT_EQ(Second.substr(0, Second.size() - 2), Old.substr(0, Old.size() - 2));
  EXPECT_EQ(Second.substr(Second.size() - 2), ":1");
}

TEST(Html, EscapesForElementsAndAttributes) {
  EXPECT_EQ(htmlEscape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
}

TEST(Html, DrawsTheMarkdownOfTheCheckPages) {
  EXPECT_EQ(
      markdownToHtml("## The fix\n"
                     "\n"
                     "Ask the thread\nto stop: `st.stop_requested()`,\n"
                     "see [docs](shim.md) and **never** kill.\n"
                     "\n"
                     "- one `a<b>`\n"
                     "  continued\n"
                     "- two\n"
                     "\n"
                     "```cpp\n"
                     "if (a < b && c) {}\n"
                     "- not a list\n"
                     "```\n"),
      "<h2>The fix</h2>\n"
      "<p>Ask the thread to stop: <code>st.stop_requested()</code>, see "
      "<a href=\"shim.md\">docs</a> and <strong>never</strong> kill.</p>\n"
      "<ul>\n<li>one <code>a&lt;b&gt;</code> continued</li>\n"
      "<li>two</li>\n</ul>\n"
      "<pre><code>if (a &lt; b &amp;&amp; c) {}\n- not a "
      "list\n</code></pre>\n");
}

} // namespace
} // namespace threadlife
