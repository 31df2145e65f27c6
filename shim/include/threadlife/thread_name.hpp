// threadlife/thread_name.hpp - naming threads so that debuggers, `top -H`, `ps -L` and
// /proc show what each one is for.
//
// Linux keeps at most 15 bytes of a thread's name; longer names are cut to that. On
// platforms that can name only the calling thread, naming another thread fails.
#ifndef THREADLIFE_THREAD_NAME_HPP
#define THREADLIFE_THREAD_NAME_HPP

#include <string>
#include <string_view>
#include <thread>

namespace threadlife {

/// Names the thread `handle` (a std::thread or jthread native_handle()). Returns false if
/// the platform refused, for example because the thread has already exited.
bool set_thread_name(std::thread::native_handle_type handle, std::string_view name) noexcept;

/// The name of the thread `handle`, or an empty string if it cannot be read.
std::string thread_name(std::thread::native_handle_type handle);

namespace this_thread {

/// Names the calling thread. Returns false if the platform refused.
bool set_name(std::string_view name) noexcept;

/// The calling thread's name, or an empty string if it cannot be read.
std::string name();

}  // namespace this_thread

}  // namespace threadlife

#endif
