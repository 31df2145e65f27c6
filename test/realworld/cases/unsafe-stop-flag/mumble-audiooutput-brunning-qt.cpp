// Provenance: mumble-voip/mumble src/mumble/AudioOutput.h (and issue https://github.com/mumble-voip/mumble/issues/1141) - AudioOutput, a QThread, keeps a protected volatile bool bRunning that the backends' run() loops poll and the destructor clears before wait(); the maintainers note volatile is not enough on weaker memory models
#include <QtCore/QThread>
#include <atomic>

long writeOnePeriod(); // mixes and writes one period to the sound device

class AudioOutput : public QThread {
public:
  ~AudioOutput() override {
    bRunning = false;
    wait();
  }

protected:
  volatile bool bRunning = true; // expect: unsafe-stop-flag
};

class ALSAAudioOutput : public AudioOutput {
protected:
  void run() override {
    while (bRunning)
      writeOnePeriod();
  }
};

void startAlsa() {
  ALSAAudioOutput *out = new ALSAAudioOutput();
  out->start();
  delete out;
}

// The fix: std::atomic<bool> (or QThread's own requestInterruption()).
class AudioOutputFixed : public QThread {
public:
  ~AudioOutputFixed() override {
    bRunning = false;
    wait();
  }

protected:
  std::atomic<bool> bRunning{true};
};

class ALSAAudioOutputFixed : public AudioOutputFixed {
protected:
  void run() override {
    while (bRunning)
      writeOnePeriod();
  }
};

void startAlsaFixed() {
  ALSAAudioOutputFixed *out = new ALSAAudioOutputFixed();
  out->start();
  delete out;
}
