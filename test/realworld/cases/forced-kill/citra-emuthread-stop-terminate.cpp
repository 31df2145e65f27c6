// Provenance: yuzu-emu/yuzu (citra history) e4ea133717a5292339c134160da984ba186d3de8 "Qt: Restructured to remove unnecessary shutdown event" - EmuThread::Stop() set stop_run, waited 1 s, called quit(), waited up to 50 s, and finally QThread::terminate()'d the emulation thread; replaced by setting the flag and a plain wait()
#include <QtCore/QThread>
#include <atomic>

void RunLoop();

class EmuThread : public QThread {
public:
  void Stop() {
    if (!isRunning())
      return;
    stop_run = true;
    wait(1000);
    if (isRunning()) {
      quit();
      wait(50000);
      if (isRunning())
        terminate(); // expect: forced-kill
    }
  }

protected:
  void run() override {
    while (!stop_run)
      RunLoop();
  }

private:
  std::atomic<bool> stop_run{false};
};

// The fix: the loop ends on the flag; wait for it.
class EmuThreadFixed : public QThread {
public:
  void RequestStop() { stop_run = true; }

protected:
  void run() override {
    while (!stop_run)
      RunLoop();
  }

private:
  std::atomic<bool> stop_run{false};
};

void ShutdownGameFixed(EmuThreadFixed *emu_thread) {
  emu_thread->RequestStop();
  emu_thread->wait();
}
