// Provenance: sunjw/fhash https://github.com/sunjw/fhash/issues/40 - ThreadData::stop was a plain bool: the UI thread set it to cancel, the hash thread (given the ThreadData* as its LPVOID argument) tested if (thrdData->stop) in its per-file loop
#include <windows.h>
#include <atomic>
#include <string>
#include <vector>

void hashOneFile(const std::string &path);

struct ThreadData {
  bool stop = false; // expect: unsafe-stop-flag
  bool threadWorking = false;
  std::vector<std::string> fullPaths;
};

static DWORD HashThreadFunc(void *param) {
  ThreadData *thrdData = static_cast<ThreadData *>(param);
  thrdData->threadWorking = true;
  for (size_t i = 0; i < thrdData->fullPaths.size(); i++) {
    if (thrdData->stop) {
      thrdData->threadWorking = false;
      return 0;
    }
    hashOneFile(thrdData->fullPaths[i]);
  }
  thrdData->threadWorking = false;
  return 0;
}

class MainDlg {
public:
  void OnStart() {
    thrdData_.stop = false;
    hWorkThread_ = CreateThread(nullptr, 0, HashThreadFunc, &thrdData_, 0, nullptr);
  }
  void OnStop() { thrdData_.stop = true; } // from the UI thread
  void OnClose() {
    OnStop();
    WaitForSingleObject(hWorkThread_, INFINITE);
    CloseHandle(hWorkThread_);
  }

private:
  ThreadData thrdData_;
  HANDLE hWorkThread_ = nullptr;
};

// The fix the issue asks for: std::atomic<bool>.
struct ThreadDataFixed {
  std::atomic<bool> stop{false};
  std::vector<std::string> fullPaths;
};

static DWORD HashThreadFuncFixed(void *param) {
  ThreadDataFixed *thrdData = static_cast<ThreadDataFixed *>(param);
  for (size_t i = 0; i < thrdData->fullPaths.size(); i++) {
    if (thrdData->stop)
      return 0;
    hashOneFile(thrdData->fullPaths[i]);
  }
  return 0;
}

class MainDlgFixed {
public:
  void OnStart() {
    thrdData_.stop = false;
    hWorkThread_ = CreateThread(nullptr, 0, HashThreadFuncFixed, &thrdData_, 0, nullptr);
  }
  void OnStop() { thrdData_.stop = true; }
  void OnClose() {
    OnStop();
    WaitForSingleObject(hWorkThread_, INFINITE);
    CloseHandle(hWorkThread_);
  }

private:
  ThreadDataFixed thrdData_;
  HANDLE hWorkThread_ = nullptr;
};
