//===--- SourceRoot.cpp - the directory reports are relative to -----------===//

#include "SourceRoot.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace threadlife {

namespace {
std::string commonDirectory(llvm::ArrayRef<std::string> Paths) {
  if (Paths.empty())
    return "";
  llvm::StringRef Common = llvm::sys::path::parent_path(Paths.front());
  for (llvm::StringRef Path : Paths.drop_front())
    while (!Common.empty() && !relativeToRoot(Path, Common))
      Common = llvm::sys::path::parent_path(Common);
  return Common.str();
}
} // namespace

std::string defaultSourceRoot(llvm::ArrayRef<std::string> Paths) {
  std::string Common = commonDirectory(Paths);
  // .git is a directory, or a file in a linked work tree or a submodule.
  for (llvm::StringRef Dir = Common; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
    if (Dir == llvm::sys::path::root_path(Dir))
      break;
  }
  return Common;
}

std::optional<std::string> relativeToRoot(llvm::StringRef Name,
                                          llvm::StringRef Root) {
  llvm::SmallString<256> Clean(Name);
  llvm::sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
  llvm::StringRef Path = Clean;
  Root = Root.rtrim('/');
  if (!Path.starts_with(Root) ||
      (Path.size() > Root.size() && Path[Root.size()] != '/' && !Root.empty()))
    return std::nullopt;
  llvm::StringRef Rest = Path.drop_front(Root.size()).ltrim('/');
  if (Rest.empty())
    return std::nullopt;
  return llvm::sys::path::convert_to_slash(Rest);
}

} // namespace threadlife
