// Provenance: yuzu-emu/yuzu (citra history) src/citra_qt/bootmanager.cpp at e4ea133717a5292339c134160da984ba186d3de8 - EmuThread::run(), a QThread body that never calls isInterruptionRequested(), loops while (!stop_run) on a std::atomic<bool> that RequestStop() sets before wait(): the loop can end on its own (silent case; the plain running/exec_step bools only choose the work of a round)
#include <QtCore/QThread>
#include <atomic>

void RunLoop();    // runs the emulated CPU for a slice
void SingleStep(); // one instruction, for the debugger

class EmuThread : public QThread {
public:
  void SetRunning(bool r) { running = r; }
  void ExecStep() { exec_step = true; }
  void RequestStop() {
    stop_run = true;
    running = false;
  }

protected:
  void run() override {
    stop_run = false;
    while (!stop_run) {
      if (running) {
        RunLoop();
      } else if (exec_step) {
        exec_step = false;
        SingleStep();
      } else {
        yieldCurrentThread();
      }
    }
  }

private:
  static void yieldCurrentThread();
  // Plain bools, as in the project: they pick what a round does, they do not
  // end the loop, so they are not stop flags.
  bool exec_step = false;
  bool running = false;
  std::atomic<bool> stop_run{false};
};

void ShutdownGame(EmuThread *emu_thread) {
  emu_thread->RequestStop();
  emu_thread->wait();
  delete emu_thread;
}
