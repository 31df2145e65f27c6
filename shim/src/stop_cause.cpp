// The table of stop causes. Token-independent: it sees only keys. Never destroyed, so a
// thread that records or reads a cause during exit finds it intact.
#include <threadlife/stop_cause.hpp>

#include <mutex>
#include <unordered_map>

namespace threadlife::detail {
namespace {

struct cause_table {
  std::mutex mutex;
  std::unordered_map<std::uintptr_t, std::exception_ptr> causes;
};

cause_table& table() {
  static cause_table* const instance = new cause_table;
  return *instance;
}

}  // namespace

bool record_stop_cause(std::uintptr_t key, std::exception_ptr cause) {
  cause_table& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  return t.causes.emplace(key, std::move(cause)).second;
}

std::exception_ptr find_stop_cause(std::uintptr_t key) noexcept {
  cause_table& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  const auto found = t.causes.find(key);
  return found == t.causes.end() ? nullptr : found->second;
}

void forget_stop_cause(std::uintptr_t key) noexcept {
  std::exception_ptr dropped;  // released outside the lock: its destructor runs user code
  cause_table& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  const auto found = t.causes.find(key);
  if (found == t.causes.end()) return;
  dropped = std::move(found->second);
  t.causes.erase(found);
}

}  // namespace threadlife::detail
