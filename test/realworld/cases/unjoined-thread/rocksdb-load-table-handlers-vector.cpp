// Provenance: facebook/rocksdb https://github.com/facebook/rocksdb/issues/13303 (fix proposed in PR #14603) - LoadTableHandlers filled a std::vector of threads, ran the same loader on the calling thread, then joined; an exception from emplace_back (std::thread creation fails with std::system_error) or from the loader unwound the vector of joinable threads and hit std::terminate
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

struct FileMeta {
  int number;
};
bool findTable(const FileMeta &file); // table cache lookup; may allocate

bool loadTableHandlers(std::vector<FileMeta> &files, int maxThreads) {
  std::atomic<std::size_t> next{0};
  auto loadHandlers = [&]() {
    for (std::size_t i = next++; i < files.size(); i = next++)
      findTable(files[i]);
  };
  std::vector<std::thread> threads; // expect: unjoined-thread
  for (int i = 1; i < maxThreads; i++)
    threads.emplace_back(loadHandlers);
  loadHandlers();
  for (auto &t : threads)
    t.join();
  return true;
}

bool loadTableHandlersFixed(std::vector<FileMeta> &files, int maxThreads) {
  std::atomic<std::size_t> next{0};
  auto loadHandlers = [&]() {
    for (std::size_t i = next++; i < files.size(); i = next++)
      findTable(files[i]);
  };
  std::vector<std::thread> threads;
  try {
    for (int i = 1; i < maxThreads; i++)
      threads.emplace_back(loadHandlers);
    loadHandlers();
  } catch (...) {
    for (auto &t : threads)
      t.join();
    throw;
  }
  for (auto &t : threads)
    t.join();
  return true;
}
