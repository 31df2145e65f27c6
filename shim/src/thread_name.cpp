// Thread names through the platform's pthread calls. Compiled once, in C++17, with no
// dependency on the stop token choice, so one library serves every client.
#include <threadlife/thread_name.hpp>

#include <pthread.h>

#include <algorithm>
#include <cstring>

namespace threadlife {
namespace {

#if defined(__linux__)
constexpr std::size_t max_name_bytes = 15;  // the kernel's TASK_COMM_LEN less the NUL
#else
constexpr std::size_t max_name_bytes = 63;
#endif

// pthread wants a NUL-terminated string that fits; string_view gives neither.
struct name_buffer {
  explicit name_buffer(std::string_view name) noexcept {
    const std::size_t n = std::min(name.size(), max_name_bytes);
    std::memcpy(bytes, name.data(), n);
    bytes[n] = '\0';
  }
  char bytes[max_name_bytes + 1];
};

}  // namespace

bool set_thread_name(std::thread::native_handle_type handle, std::string_view name) noexcept {
  const name_buffer buffer(name);
#if defined(__linux__)
  return ::pthread_setname_np(handle, buffer.bytes) == 0;
#elif defined(__APPLE__)
  // Darwin can only name the calling thread.
  return ::pthread_equal(handle, ::pthread_self()) && ::pthread_setname_np(buffer.bytes) == 0;
#else
  (void)handle;
  return false;
#endif
}

std::string thread_name(std::thread::native_handle_type handle) {
#if defined(__linux__) || defined(__APPLE__)
  char bytes[64] = {};
  if (::pthread_getname_np(handle, bytes, sizeof bytes) != 0) return std::string();
  return std::string(bytes);
#else
  (void)handle;
  return std::string();
#endif
}

namespace this_thread {

bool set_name(std::string_view name) noexcept { return set_thread_name(::pthread_self(), name); }

std::string name() { return thread_name(::pthread_self()); }

}  // namespace this_thread
}  // namespace threadlife
