//===--- HtmlReport.cpp - a report to browse, path drawn ------------------===//

#include "HtmlReport.h"
#include "FixSet.h"
#include "Html.h"
#include "HtmlFindingPage.h"
#include "RunResults.h"
#include "SourceRoot.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <map>

namespace threadlife {

namespace {
// Embedded from tool/html/ at build time.
#include "HtmlAssets.inc"

// An existing report is recognised by this file, and only then replaced.
constexpr llvm::StringLiteral Marker = ".threadlife-report";

std::string countsTable(llvm::StringRef Heading,
                        const std::map<std::string, unsigned> &Counts) {
  std::string Rows;
  for (const auto &[Name, Count] : Counts)
    Rows += llvm::formatv("<tr><td class=\"mono\">{0}</td><td class=\"num\">"
                          "{1}</td></tr>\n",
                          htmlEscape(Name), Count)
                .str();
  return llvm::formatv("<div><h2>By {0}</h2>\n<table class=\"sortable-table\">"
                       "<thead><tr><th>{0}</th><th class=\"num\">findings</th>"
                       "</tr></thead>\n<tbody>\n{1}</tbody></table></div>\n",
                       Heading, Rows)
      .str();
}

std::string notAnalysed(llvm::ArrayRef<FileAnalysis> Files,
                        llvm::StringRef Root) {
  std::string Rows;
  for (const FileAnalysis &F : Files) {
    std::string Why;
    if (F.Result == FileAnalysis::Outcome::Failed)
      Why = F.Failure;
    else if (F.Result == FileAnalysis::Outcome::CompileErrors)
      Why = "does not compile; its findings are incomplete";
    else
      continue;
    Rows += "<tr><td class=\"mono\">" +
            htmlEscape(relativeToRoot(F.Path, Root).value_or(F.Path)) +
            "</td><td>" + htmlEscape(Why) + "</td></tr>\n";
  }
  if (Rows.empty())
    return "";
  return "<h2>Files not analysed</h2>\n<table class=\"sortable-table\"><thead>"
         "<tr><th>file</th><th>why</th></tr></thead>\n<tbody>\n" +
         Rows + "</tbody></table>\n";
}

std::string indexPage(llvm::ArrayRef<FileAnalysis> Files, llvm::StringRef Root,
                      unsigned Findings,
                      const std::map<std::string, unsigned> &ByCheck,
                      const std::map<std::string, unsigned> &ByFile) {
  return llvm::formatv(
             "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>threadlife report</title>"
             "<link rel=\"stylesheet\" href=\"style.css\"></head><body>\n"
             "<h1>threadlife report</h1>\n<p class=\"muted\">{0} finding{1} in "
             "{2} file{3} under <span class=\"mono\">{4}</span></p>\n"
             "<div class=\"summary\">\n{5}{6}</div>\n{7}"
             "<h2>Findings</h2>\n<div class=\"controls\"><input id=\"filter\" "
             "type=\"search\" placeholder=\"Filter by check, file or message\">"
             "<span class=\"pager\"><span id=\"page\"></span>"
             "<button id=\"previous\">&larr;</button><button id=\"next\">"
             "&rarr;</button></span></div>\n<table id=\"findings\"><thead><tr>"
             "<th class=\"num\">#</th><th>check</th><th>where</th><th>message"
             "</th></tr></thead><tbody></tbody></table>\n<noscript>The list "
             "of findings needs JavaScript; each is a page in findings/."
             "</noscript>\n<script src=\"findings.js\"></script>\n"
             "<script src=\"report.js\"></script>\n</body></html>\n",
             Findings, Findings == 1 ? "" : "s", Files.size(),
             Files.size() == 1 ? "" : "s", htmlEscape(Root),
             countsTable("check", ByCheck), countsTable("file", ByFile),
             notAnalysed(Files, Root))
      .str();
}

/// Writes every file of the report into \p Dir, which is new and empty.
llvm::Error writeSite(llvm::ArrayRef<FileAnalysis> Files, llvm::StringRef Root,
                      llvm::StringRef Dir) {
  auto Write = [&](llvm::StringRef Name, llvm::StringRef Content) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Name);
    return writeAtomically(Path, [&](llvm::raw_ostream &OS) { OS << Content; });
  };
  llvm::SmallString<256> Pages(Dir);
  llvm::sys::path::append(Pages, "findings");
  if (std::error_code EC = llvm::sys::fs::create_directory(Pages))
    return llvm::errorCodeToError(EC);
  SourceText Text;
  llvm::json::Array List;
  std::map<std::string, unsigned> ByCheck, ByFile;
  for (const FileAnalysis &F : Files)
    for (const clang::tidy::ClangTidyError &E : F.Errors) {
      if (!isFinding(E))
        continue;
      unsigned Id = List.size() + 1;
      std::string Name =
          relativeToRoot(E.Message.FilePath, Root).value_or(E.Message.FilePath);
      LineColumn At = Text.position(E.Message.FilePath, E.Message.FileOffset);
      List.push_back(llvm::json::Array{
          Id, E.DiagnosticName, Name, At.Line, At.Column,
          E.DiagLevel == clang::tooling::Diagnostic::Error ? "error"
                                                           : "warning",
          E.Message.Message});
      ++ByCheck[E.DiagnosticName];
      ++ByFile[Name];
      if (llvm::Error Failed =
              Write(("findings/" + llvm::Twine(Id) + ".html").str(),
                    findingPage(E, Id, Text, Root)))
        return Failed;
    }
  unsigned Findings = List.size();
  std::string Data = llvm::formatv("window.threadlifeFindings = {0};\n",
                                   llvm::json::Value(std::move(List)))
                         .str();
  for (auto [Name, Content] :
       {std::pair<llvm::StringRef, llvm::StringRef>{"findings.js", Data},
        {"style.css", ReportCss},
        {"report.js", ReportJs},
        {Marker, "A report of threadlife; --html replaces this directory.\n"}})
    if (llvm::Error Failed = Write(Name, Content))
      return Failed;
  return Write("index.html", indexPage(Files, Root, Findings, ByCheck, ByFile));
}

} // namespace

llvm::Error checkHtmlDirectory(llvm::StringRef Dir) {
  if (!llvm::sys::fs::exists(Dir))
    return llvm::Error::success();
  if (!llvm::sys::fs::is_directory(Dir))
    return llvm::createStringError("'" + Dir + "' is not a directory");
  llvm::SmallString<256> Mark(Dir);
  llvm::sys::path::append(Mark, Marker);
  std::error_code EC;
  llvm::sys::fs::directory_iterator It(Dir, EC);
  if (EC || (It != llvm::sys::fs::directory_iterator() &&
             !llvm::sys::fs::exists(Mark)))
    return llvm::createStringError(
        "'" + Dir +
        "' holds files that are not a threadlife report; name a new or empty "
        "directory");
  return llvm::Error::success();
}

llvm::Error writeHtml(llvm::ArrayRef<FileAnalysis> Files, llvm::StringRef Root,
                      llvm::StringRef Directory) {
  llvm::SmallString<256> Dir(Directory);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  if (llvm::Error E = checkHtmlDirectory(Dir))
    return E;
  llvm::SmallString<256> Fresh, Old;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory(Dir + ".new", Fresh))
    return llvm::createStringError("cannot make a directory beside '" + Dir +
                                   "': " + EC.message());
  auto Abandon = [&](llvm::Error E) {
    llvm::sys::fs::remove_directories(Fresh);
    return E;
  };
  if (llvm::Error E = writeSite(Files, Root, Fresh))
    return Abandon(std::move(E));
  if (llvm::sys::fs::exists(Dir)) {
    // A directory is not renamed over a full one: move the old aside first.
    if (std::error_code EC =
            llvm::sys::fs::createUniqueDirectory(Dir + ".old", Old))
      return Abandon(llvm::errorCodeToError(EC));
    llvm::sys::fs::remove(Old);
    if (std::error_code EC = llvm::sys::fs::rename(Dir, Old))
      return Abandon(llvm::createStringError("cannot replace '" + Dir +
                                             "': " + EC.message()));
  }
  if (std::error_code EC = llvm::sys::fs::rename(Fresh, Dir))
    return Abandon(
        llvm::createStringError("cannot write '" + Dir + "': " + EC.message()));
  if (!Old.empty())
    llvm::sys::fs::remove_directories(Old);
  return llvm::Error::success();
}

} // namespace threadlife
