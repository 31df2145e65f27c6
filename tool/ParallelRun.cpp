//===--- ParallelRun.cpp - analyse files in parallel, report in order -----===//

#include "ParallelRun.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"
#include <condition_variable>
#include <mutex>

namespace threadlife {

namespace {
/// "[done/total] file" on one stderr line, drawn only by the reporting thread.
class ProgressLine {
public:
  explicit ProgressLine(size_t Total)
      : Total(Total), Shown(Total > 1 && llvm::errs().is_displayed()) {}
  void draw(size_t Done, llvm::StringRef Last) {
    if (Shown)
      llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << Last;
  }
  void clear() {
    if (Shown)
      llvm::errs() << "\r\x1b[K";
  }

private:
  size_t Total;
  bool Shown;
};
} // namespace

void analyseInOrder(llvm::ArrayRef<InputFile> Files,
                    const AnalysisSettings &Settings, unsigned Jobs,
                    llvm::function_ref<void(FileAnalysis &)> Done) {
  std::vector<FileAnalysis> Results(Files.size());
  std::vector<bool> Finished(Files.size());
  std::mutex Mutex;
  std::condition_variable Changed;
  std::vector<size_t> FinishOrder;

  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t I = 0; I < Files.size(); ++I)
    Pool.async([&, I] {
      FileAnalysis R = analyseFile(Files[I].Name, Files[I].Path, Settings);
      std::lock_guard<std::mutex> Lock(Mutex);
      Results[I] = std::move(R);
      Finished[I] = true;
      FinishOrder.push_back(I);
      Changed.notify_one();
    });

  ProgressLine Progress(Files.size());
  size_t Next = 0, Drawn = 0;
  while (Next < Files.size()) {
    std::vector<size_t> Ready, NewlyFinished;
    {
      std::unique_lock<std::mutex> Lock(Mutex);
      Changed.wait(Lock, [&] { return FinishOrder.size() != Drawn; });
      NewlyFinished.assign(FinishOrder.begin() + Drawn, FinishOrder.end());
      for (; Next < Files.size() && Finished[Next]; ++Next)
        Ready.push_back(Next);
    }
    if (!Ready.empty())
      Progress.clear();
    for (size_t I : Ready) {
      Done(Results[I]);
      Results[I] = FileAnalysis(); // its memory is not needed any more
    }
    for (size_t I : NewlyFinished)
      Progress.draw(++Drawn, Files[I].Name);
  }
  Progress.clear();
  Pool.wait();
}

} // namespace threadlife
