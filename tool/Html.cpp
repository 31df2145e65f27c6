//===--- Html.cpp - text as HTML ------------------------------------------===//

#include "Html.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace threadlife {

std::string htmlEscape(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

namespace {
/// `code`, **strong** and [text](url) within a line.
std::string inlineHtml(llvm::StringRef Text) {
  std::string Out;
  while (!Text.empty()) {
    char C = Text.front();
    size_t End;
    if (C == '`' && (End = Text.find('`', 1)) != llvm::StringRef::npos) {
      Out += "<code>" + htmlEscape(Text.slice(1, End)) + "</code>";
      Text = Text.drop_front(End + 1);
    } else if (Text.starts_with("**") &&
               (End = Text.find("**", 2)) != llvm::StringRef::npos) {
      Out += "<strong>" + inlineHtml(Text.slice(2, End)) + "</strong>";
      Text = Text.drop_front(End + 2);
    } else if (C == '[' && (End = Text.find("](")) != llvm::StringRef::npos &&
               Text.find(')', End) != llvm::StringRef::npos) {
      size_t Close = Text.find(')', End);
      Out += "<a href=\"" + htmlEscape(Text.slice(End + 2, Close)) + "\">" +
             inlineHtml(Text.slice(1, End)) + "</a>";
      Text = Text.drop_front(Close + 1);
    } else {
      Out += htmlEscape(Text.take_front(1));
      Text = Text.drop_front(1);
    }
  }
  return Out;
}

/// Block structure, line by line: what is open decides what a line does.
class Blocks {
public:
  void line(llvm::StringRef Line) {
    if (InCode) {
      if (Line.trim().starts_with("```")) {
        Out += "</code></pre>\n";
        InCode = false;
      } else {
        Out += htmlEscape(Line) + "\n";
      }
      return;
    }
    llvm::StringRef Trimmed = Line.trim();
    if (Trimmed.starts_with("```")) {
      close();
      Out += "<pre><code>";
      InCode = true;
    } else if (Trimmed.empty()) {
      close();
    } else if (Line.starts_with("#")) {
      close();
      size_t Level = std::min<size_t>(Line.find_first_not_of('#'), 6);
      std::string Tag = "h" + std::to_string(Level);
      Out += "<" + Tag + ">" + inlineHtml(Line.drop_front(Level).trim()) +
             "</" + Tag + ">\n";
    } else if (Trimmed.starts_with("- ") || Trimmed.starts_with("* ")) {
      closeParagraph();
      if (!InList)
        Out += "<ul>\n";
      else
        Out += "</li>\n";
      InList = true;
      Out += "<li>" + inlineHtml(Trimmed.drop_front(2));
    } else if (InList) {
      Out += " " + inlineHtml(Trimmed);
    } else {
      Out += InParagraph ? " " : "<p>";
      InParagraph = true;
      Out += inlineHtml(Trimmed);
    }
  }

  std::string finish() {
    if (InCode)
      Out += "</code></pre>\n";
    InCode = false;
    close();
    return std::move(Out);
  }

private:
  void closeParagraph() {
    if (InParagraph)
      Out += "</p>\n";
    InParagraph = false;
  }
  void close() {
    closeParagraph();
    if (InList)
      Out += "</li>\n</ul>\n";
    InList = false;
  }

  std::string Out;
  bool InCode = false, InList = false, InParagraph = false;
};
} // namespace

std::string markdownToHtml(llvm::StringRef Markdown) {
  Blocks B;
  llvm::SmallVector<llvm::StringRef> Lines;
  Markdown.split(Lines, '\n');
  for (llvm::StringRef Line : Lines)
    B.line(Line.rtrim('\r'));
  return B.finish();
}

} // namespace threadlife
