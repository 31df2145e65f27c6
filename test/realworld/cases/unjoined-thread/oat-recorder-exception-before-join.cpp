// Provenance: jonnew/Oat 5bba03630fdcf60224cda28ca54952ec5e551be5 (PR #18) - interactive oat-record started the recorder thread and then ran controlRecorder(), which can throw (initializeRecording() throws std::runtime_error); the exception destroyed the joinable std::thread and called std::terminate
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

struct Recorder {
  bool fileExists = false;
  bool allowOverwrite = false;
  void initializeRecording() {
    if (fileExists && !allowOverwrite)
      throw std::runtime_error("Recording file initialization exited");
  }
};

void run(std::shared_ptr<Recorder> &recorder);
void cleanup(std::thread &proc); // signals the thread and joins it

int controlRecorder(std::istream &in, Recorder &recorder) {
  std::string cmd;
  while (std::getline(in, cmd)) {
    if (cmd == "start")
      recorder.initializeRecording();
    else if (cmd == "quit")
      return 0;
  }
  return 0;
}

int recordInteractive(std::shared_ptr<Recorder> recorder) {
  std::thread process(run, std::ref(recorder)); // expect: unjoined-thread
  int rc = controlRecorder(std::cin, *recorder);
  cleanup(process);
  return rc;
}

int recordInteractiveFixed(std::shared_ptr<Recorder> recorder) {
  std::thread process(run, std::ref(recorder));
  int rc = 0;
  try {
    rc = controlRecorder(std::cin, *recorder);
  } catch (...) {
    cleanup(process);
    throw;
  }
  cleanup(process);
  return rc;
}
