//===--- HtmlFindingPage.cpp - one finding, its path drawn ----------------===//

#include "HtmlFindingPage.h"
#include "CheckDocs.h"
#include "Html.h"
#include "PathSteps.h"
#include "SourceRoot.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>
#include <set>

using clang::tooling::DiagnosticMessage;

namespace threadlife {

namespace {
// Lines shown before and after each step.
constexpr unsigned Context = 3;

struct Step {
  const DiagnosticMessage *Message;
  unsigned Number;
  LineColumn At;
  bool Final;
};

std::string displayName(llvm::StringRef Path, llvm::StringRef Root) {
  return relativeToRoot(Path, Root).value_or(Path.str());
}

/// The steps' lines of one file with their context, a gap row between runs
/// of lines that are apart, each step's bubble after its line.
std::string sourceTable(llvm::StringRef File, llvm::ArrayRef<Step> Steps,
                        SourceText &Text) {
  std::set<unsigned> Lines;
  std::multimap<unsigned, const Step *> ByLine;
  unsigned Last = Text.lineCount(File);
  for (const Step &S : Steps) {
    ByLine.emplace(S.At.Line, &S);
    for (unsigned L = S.At.Line > Context ? S.At.Line - Context : 1;
         L <= std::min(S.At.Line + Context, Last); ++L)
      Lines.insert(L);
  }
  std::string Out = "<table class=\"source\">\n";
  unsigned Previous = 0;
  for (unsigned L : Lines) {
    if (Previous && L != Previous + 1)
      Out += "<tr class=\"gap\"><td class=\"ln\">&#8942;</td><td></td></tr>\n";
    Previous = L;
    auto [First, End] = ByLine.equal_range(L);
    Out += llvm::formatv("<tr id=\"L{0}\"{1}><td class=\"ln\">{0}</td>"
                         "<td class=\"code\">{2}</td></tr>\n",
                         L, First == End ? "" : " class=\"at\"",
                         htmlEscape(Text.line(File, L)))
               .str();
    for (auto It = First; It != End; ++It) {
      const Step &S = *It->second;
      Out +=
          llvm::formatv(
              "<tr class=\"step{0}\" id=\"step{1}\"><td></td><td>"
              "<span class=\"bubble\">{1}</span><span class=\"step-text\">"
              "{2}</span></td></tr>\n",
              S.Final ? " final" : "", S.Number, htmlEscape(S.Message->Message))
              .str();
    }
  }
  return Out + "</table>\n";
}

/// The path's steps grouped by file, in the order the path first enters each.
std::string pathHtml(const clang::tidy::ClangTidyError &E, SourceText &Text,
                     llvm::StringRef Root) {
  std::vector<std::string> Order;
  std::map<std::string, std::vector<Step>> ByFile;
  unsigned Number = 0;
  for (const DiagnosticMessage *M : pathSteps(E)) {
    auto &InFile = ByFile[M->FilePath];
    if (InFile.empty())
      Order.push_back(M->FilePath);
    InFile.push_back({M, ++Number, Text.position(M->FilePath, M->FileOffset),
                      M == &E.Message});
  }
  std::string Out;
  for (const std::string &File : Order)
    Out += "<h3>" + htmlEscape(displayName(File, Root)) + "</h3>\n" +
           sourceTable(File, ByFile[File], Text);
  return Out;
}

/// The lesson without the page's title, which is the check's name.
llvm::StringRef withoutTitle(llvm::StringRef Lesson) {
  return Lesson.starts_with("# ") ? Lesson.split('\n').second : Lesson;
}

/// \p Before (the text from \p Start on) with \p Replacements made.
std::string replaced(llvm::StringRef Before, unsigned Start,
                     const clang::tooling::Replacements &Replacements) {
  std::string After;
  unsigned Cursor = Start;
  for (const clang::tooling::Replacement &R : Replacements) {
    After += Before.slice(Cursor - Start, R.getOffset() - Start);
    After += R.getReplacementText();
    Cursor = R.getOffset() + R.getLength();
  }
  return After + Before.drop_front(Cursor - Start).str();
}

/// The lines a fix touches, before and after, as a unified diff.
std::string fixHtml(const DiagnosticMessage &M, SourceText &Text,
                    llvm::StringRef Root) {
  std::string Out;
  for (const auto &[File, Replacements] : M.Fix) {
    if (Replacements.empty())
      continue;
    unsigned Offset = Replacements.begin()->getOffset();
    LineColumn First = Text.position(File, Offset);
    const clang::tooling::Replacement &Back = *Replacements.rbegin();
    unsigned LastLine =
        Text.position(File, Back.getOffset() + Back.getLength()).Line;
    llvm::StringRef Before = Text.lines(File, First.Line, LastLine);
    std::string After =
        replaced(Before, Offset - (First.Column - 1), Replacements);
    Out += "<pre class=\"diff\">" +
           htmlEscape(llvm::formatv("--- {0}\n+++ {0}\n@@ line {1} @@\n",
                                    displayName(File, Root), First.Line)
                          .str());
    for (auto [Sign, Class, Body] :
         {std::tuple('-', "del", Before),
          std::tuple('+', "add", llvm::StringRef(After))}) {
      llvm::SmallVector<llvm::StringRef> Lines;
      Body.rtrim('\n').split(Lines, '\n');
      for (llvm::StringRef L : Lines)
        Out += llvm::formatv("<span class=\"{0}\">{1}{2}</span>", Class, Sign,
                             htmlEscape(L))
                   .str();
    }
    Out += "</pre>\n";
  }
  return Out;
}
} // namespace

std::string findingPage(const clang::tidy::ClangTidyError &E, unsigned Id,
                        SourceText &Text, llvm::StringRef Root) {
  LineColumn At = Text.position(E.Message.FilePath, E.Message.FileOffset);
  const bool Error = E.DiagLevel == clang::tooling::Diagnostic::Error;
  std::string Advice;
  for (const DiagnosticMessage &N : E.Notes)
    if (isAdvice(N, E))
      Advice += "<p class=\"advice\">" + htmlEscape(N.Message) + "</p>\n";
  std::string Path = pathHtml(E, Text, Root);
  std::string Fix = fixHtml(E.Message, Text, Root);
  const CheckDoc *Doc = findCheckDoc(E.DiagnosticName);
  return llvm::formatv(
             "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>{0} — finding {1}</title>"
             "<link rel=\"stylesheet\" href=\"../style.css\"></head><body>\n"
             "<p><a href=\"../index.html\">&larr; all findings</a></p>\n"
             "<h1 class=\"check\">{0}</h1>\n"
             "<p class=\"mono\">{2}:{3}:{4} <span "
             "class=\"level-{5}\">{5}</span>"
             "</p>\n<p class=\"message\">{6}</p>\n{7}"
             "<h2>Path</h2>\n{8}{9}<h2>The lesson</h2>\n"
             "<div class=\"lesson\">{10}</div>\n</body></html>\n",
             htmlEscape(E.DiagnosticName), Id,
             htmlEscape(displayName(E.Message.FilePath, Root)), At.Line,
             At.Column, Error ? "error" : "warning",
             htmlEscape(E.Message.Message), Advice, Path,
             Fix.empty() ? "" : "<h2>The fix</h2>\n" + Fix,
             Doc ? markdownToHtml(withoutTitle(Doc->lesson())) : "")
      .str();
}

} // namespace threadlife
