//===--- CheckDocs.cpp - each check's page, lesson and summary ------------===//

#include "CheckDocs.h"

namespace threadlife {

llvm::ArrayRef<CheckDoc> checkDocs() {
  static const CheckDoc Docs[] = {
#include "CheckDocs.inc"
  };
  return Docs;
}

const CheckDoc *findCheckDoc(llvm::StringRef Check) {
  for (const CheckDoc &Doc : checkDocs())
    if (Doc.Check == Check)
      return &Doc;
  return nullptr;
}

std::string CheckDoc::summary() const {
  // Skip the title, then join the lines of the first paragraph.
  llvm::StringRef Rest = Markdown.split('\n').second.ltrim("\n");
  std::string Summary;
  while (!Rest.empty()) {
    auto [Line, Next] = Rest.split('\n');
    if (Line.trim().empty())
      break;
    if (!Summary.empty())
      Summary += ' ';
    Summary += Line.trim().str();
    Rest = Next;
  }
  return Summary;
}

std::string CheckDoc::headline() const {
  std::string Summary = summary();
  llvm::StringRef Clause = Summary;
  for (llvm::StringRef End : {" (", " \u2014 ", ": ", "."})
    Clause = Clause.split(End).first;
  std::string Plain;
  for (char C : Clause)
    if (C != '`')
      Plain += C;
  return Plain + ".";
}

std::string CheckDoc::lesson() const {
  size_t End = llvm::StringRef::npos;
  for (llvm::StringRef Heading : {"\n## Options", "\n## Examples"})
    End = std::min(End, Markdown.find(Heading));
  return Markdown.substr(0, End).rtrim().str() + "\n";
}

} // namespace threadlife
