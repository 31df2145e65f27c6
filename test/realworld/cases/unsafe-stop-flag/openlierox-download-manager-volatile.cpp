// Provenance: openlierox/openlierox https://github.com/openlierox/openlierox/pull/1089 (fixes #1087) - CHttpDownloadManager::bBreakThread was a volatile bool that the destructor set while the SDL worker thread (handed the manager as void*) polled it
#include <SDL.h>
#include <atomic>

class CHttpDownloadManager;
static int ManagerMain(void *param);

class CHttpDownloadManager {
public:
  CHttpDownloadManager() {
    bBreakThread = false;
    tThread = SDL_CreateThread(ManagerMain, "download manager", this);
  }
  ~CHttpDownloadManager() {
    bBreakThread = true;
    SDL_WaitThread(tThread, nullptr);
  }
  void ProcessDownloads();
  volatile bool bBreakThread; // expect: unsafe-stop-flag
  int iActiveDownloads = 0;

private:
  SDL_Thread *tThread = nullptr;
};

static int ManagerMain(void *param) {
  CHttpDownloadManager *self = static_cast<CHttpDownloadManager *>(param);
  while (!self->bBreakThread) {
    self->ProcessDownloads();
    if (self->iActiveDownloads == 0)
      SDL_Delay(50);
  }
  return 0;
}

// The fix: std::atomic<bool>.
class CHttpDownloadManagerFixed;
static int ManagerMainFixed(void *param);

class CHttpDownloadManagerFixed {
public:
  CHttpDownloadManagerFixed() {
    tThread = SDL_CreateThread(ManagerMainFixed, "download manager", this);
  }
  ~CHttpDownloadManagerFixed() {
    bBreakThread = true;
    SDL_WaitThread(tThread, nullptr);
  }
  void ProcessDownloads();
  std::atomic<bool> bBreakThread{false};
  int iActiveDownloads = 0;

private:
  SDL_Thread *tThread = nullptr;
};

static int ManagerMainFixed(void *param) {
  CHttpDownloadManagerFixed *self = static_cast<CHttpDownloadManagerFixed *>(param);
  while (!self->bBreakThread) {
    self->ProcessDownloads();
    if (self->iActiveDownloads == 0)
      SDL_Delay(50);
  }
  return 0;
}
