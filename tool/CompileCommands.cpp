//===--- CompileCommands.cpp - the compile commands of -p -----------------===//

#include "CompileCommands.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace threadlife {

namespace {
/// Why entry \p Index is not a compile command, or empty.
std::string badEntry(const llvm::json::Value &Entry) {
  const llvm::json::Object *Fields = Entry.getAsObject();
  if (!Fields)
    return "not an object";
  for (llvm::StringRef Key : {"directory", "file"})
    if (!Fields->getString(Key))
      return ("no \"" + Key + "\" string").str();
  if (Fields->getString("command"))
    return "";
  const llvm::json::Array *Arguments = Fields->getArray("arguments");
  if (!Arguments)
    return "neither a \"command\" string nor an \"arguments\" list";
  for (const llvm::json::Value &Argument : *Arguments)
    if (!Argument.getAsString())
      return "an \"arguments\" element that is not a string";
  return "";
}

llvm::Error validate(llvm::StringRef JsonPath) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError("malformed compilation database '" +
                                   JsonPath + "': " + Why);
  };
  auto Buffer = llvm::MemoryBuffer::getFile(JsonPath);
  if (!Buffer)
    return Fail(Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return Fail(llvm::toString(Parsed.takeError()));
  const llvm::json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    return Fail("not a list of compile commands");
  for (size_t I = 0; I < Entries->size(); ++I)
    if (std::string Why = badEntry((*Entries)[I]); !Why.empty())
      return Fail(llvm::formatv("entry {0} has {1}", I + 1, Why));
  return llvm::Error::success();
}
} // namespace

llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadBuildDatabase(llvm::StringRef BuildPath) {
  llvm::SmallString<256> Dir = BuildPath;
  if (llvm::sys::path::filename(Dir) == "compile_commands.json" &&
      !llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  if (Dir.empty())
    Dir = ".";
  if (!llvm::sys::fs::is_directory(Dir))
    return llvm::createStringError("no build directory '" + BuildPath + "'");
  llvm::SmallString<256> Json = Dir;
  llvm::sys::path::append(Json, "compile_commands.json");
  if (llvm::sys::fs::exists(Json))
    if (llvm::Error E = validate(Json))
      return std::move(E);
  std::string Error;
  auto Database =
      clang::tooling::CompilationDatabase::loadFromDirectory(Dir, Error);
  if (!Database)
    return llvm::createStringError(
        "no compilation database in '" + BuildPath +
        "' (neither compile_commands.json nor compile_flags.txt)");
  return std::move(Database);
}

} // namespace threadlife
