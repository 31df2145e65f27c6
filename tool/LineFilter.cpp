//===--- LineFilter.cpp - only the findings on given lines ----------------===//

#include "LineFilter.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace threadlife {

namespace {
/// Runs git with \p Args in the current directory; its standard output.
llvm::Expected<std::string> git(llvm::StringRef Command,
                                llvm::ArrayRef<llvm::StringRef> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError("--diff needs git, which is not on PATH");
  llvm::SmallString<128> Out, Err;
  if (llvm::sys::fs::createTemporaryFile("threadlife-git", "out", Out) ||
      llvm::sys::fs::createTemporaryFile("threadlife-git", "err", Err))
    return llvm::createStringError("cannot make a temporary file for git");
  llvm::FileRemover RemoveOut(Out), RemoveErr(Err);
  std::vector<llvm::StringRef> Argv{"git"};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, Out.str(),
                                                Err.str()};
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects);
  auto Read = [](llvm::StringRef File) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  if (Status != 0) {
    std::string Why = llvm::StringRef(Read(Err)).trim().split('\n').first.str();
    return llvm::createStringError("git " + Command + " failed" +
                                   (Why.empty() ? "" : ": " + Why));
  }
  return Read(Out);
}

/// A file name as git prints it: C-quoted when it holds '"', '\\' or a
/// control character; a tab ends a name that holds a space.
std::string unquote(llvm::StringRef Name) {
  Name = Name.rtrim("\t\r");
  if (!Name.consume_front("\"") || !Name.consume_back("\""))
    return Name.str();
  std::string Plain;
  for (size_t I = 0; I < Name.size(); ++I) {
    if (Name[I] != '\\' || I + 1 == Name.size()) {
      Plain += Name[I];
      continue;
    }
    char C = Name[++I];
    unsigned Octal = 0;
    if (C >= '0' && C <= '7' && !Name.substr(I, 3).getAsInteger(8, Octal)) {
      Plain += static_cast<char>(Octal);
      I += 2;
    } else {
      Plain += C == 't' ? '\t' : C == 'n' ? '\n' : C;
    }
  }
  return Plain;
}

/// "@@ -a,b +c,d @@": the new lines c to c+d-1; none when d is 0.
std::optional<clang::tidy::FileFilter::LineRange>
hunkLines(llvm::StringRef Header) {
  llvm::StringRef New = Header.split(" +").second.split(' ').first;
  auto [Start, Count] = New.split(',');
  unsigned First = 0, Lines = 1;
  if (Start.getAsInteger(10, First) ||
      (!Count.empty() && Count.getAsInteger(10, Lines)) || Lines == 0)
    return std::nullopt;
  return clang::tidy::FileFilter::LineRange{First, First + Lines - 1};
}
} // namespace

llvm::Expected<LineFilter> LineFilter::parse(llvm::StringRef Json) {
  auto Invalid = [](const llvm::Twine &Why) {
    return llvm::createStringError(
        "invalid --line-filter: " + Why +
        "; give [{\"name\":\"file.cpp\",\"lines\":[[1,3],[5,5]]},...]");
  };
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Json);
  if (!Parsed)
    return Invalid(toString(Parsed.takeError()));
  const llvm::json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    return Invalid("not a list");
  LineFilter Filter;
  for (const llvm::json::Value &Entry : *Entries) {
    const llvm::json::Object *O = Entry.getAsObject();
    auto Name = O ? O->getString("name") : std::nullopt;
    if (!Name)
      return Invalid("an entry without a \"name\"");
    clang::tidy::FileFilter File{Name->str(), {}};
    const llvm::json::Array *Lines = O->getArray("lines");
    for (const llvm::json::Value &Range :
         Lines ? *Lines : llvm::json::Array()) {
      const llvm::json::Array *Pair = Range.getAsArray();
      auto First =
          Pair && Pair->size() == 2 ? (*Pair)[0].getAsUINT64() : std::nullopt;
      auto Last = First ? (*Pair)[1].getAsUINT64() : std::nullopt;
      if (!Last || *First > *Last)
        return Invalid("'" + *Name + "' has a range that is not [first,last]");
      File.LineRanges.emplace_back(*First, *Last);
    }
    Filter.Files.push_back(std::move(File));
  }
  return Filter;
}

llvm::Expected<LineFilter> LineFilter::changedSince(llvm::StringRef Revision) {
  llvm::Expected<std::string> TopLevel =
      git("rev-parse", {"rev-parse", "--show-toplevel"});
  if (!TopLevel)
    return TopLevel.takeError();
  llvm::Expected<std::string> Diff =
      git("diff", {"-c", "core.quotePath=false", "diff", "-U0", "--no-color",
                   "--no-ext-diff", "--no-relative", "--src-prefix=a/",
                   "--dst-prefix=b/", Revision, "--"});
  if (!Diff)
    return Diff.takeError();
  return fromDiff(*Diff, llvm::StringRef(*TopLevel).trim());
}

LineFilter LineFilter::fromDiff(llvm::StringRef Diff,
                                llvm::StringRef TopLevel) {
  LineFilter Filter;
  clang::tidy::FileFilter *Current = nullptr;
  while (!Diff.empty()) {
    auto [Line, Rest] = Diff.split('\n');
    Diff = Rest;
    if (Line.consume_front("+++ ")) {
      Current = nullptr;
      std::string Name = unquote(Line);
      if (!llvm::StringRef(Name).starts_with("b/"))
        continue; // /dev/null: the file is gone
      llvm::SmallString<256> Path(TopLevel);
      llvm::sys::path::append(Path, llvm::StringRef(Name).drop_front(2));
      Filter.Files.push_back({Path.str().str(), {}});
      Current = &Filter.Files.back();
    } else if (Line.starts_with("@@ ") && Current) {
      if (auto Lines = hunkLines(Line))
        Current->LineRanges.push_back(*Lines);
    }
  }
  // A file whose changes are all deletions has no line left to report on;
  // without ranges it would be matched whole.
  llvm::erase_if(Filter.Files, [](const clang::tidy::FileFilter &F) {
    return F.LineRanges.empty();
  });
  return Filter;
}

bool LineFilter::covers(llvm::StringRef File, unsigned Line) const {
  for (const clang::tidy::FileFilter &F : Files) {
    if (!File.ends_with(F.Name))
      continue;
    if (F.LineRanges.empty())
      return true;
    for (const auto &[First, Last] : F.LineRanges)
      if (First <= Line && Line <= Last)
        return true;
  }
  return false;
}

bool LineFilter::covers(const clang::tidy::ClangTidyError &E,
                        SourceText &Text) const {
  auto OnLine = [&](const clang::tooling::DiagnosticMessage &M) {
    return covers(M.FilePath, Text.position(M.FilePath, M.FileOffset).Line);
  };
  return OnLine(E.Message) || llvm::any_of(E.Notes, OnLine);
}

} // namespace threadlife
