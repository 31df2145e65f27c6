// Provenance: notepad-plus-plus/nppShell 45673fa87d2eab4eb7b78001f989bd44d45ad98a (PR #28) - silent case: the registration worker was kept in a global std::thread "to live long enough", then made a local that is detached at once; it runs a free function with no arguments, so nothing of the caller can dangle either way
#include <string>
#include <thread>

std::wstring executingModuleName();
bool isWindows11();
void ensureRegistrationWorker(); // registers the package, notifies the shell

std::thread ensureRegistrationThread; // the old global: started once, detached

void ensureRegistrationOnCurrentUser() {
  if (executingModuleName() == L"explorer.exe" && isWindows11()) {
    ensureRegistrationThread = std::thread(ensureRegistrationWorker);
    ensureRegistrationThread.detach();
  }
}

void ensureRegistrationOnCurrentUserFixed() {
  if (executingModuleName() == L"explorer.exe" && isWindows11()) {
    std::thread worker = std::thread(ensureRegistrationWorker);
    worker.detach();
  }
}
