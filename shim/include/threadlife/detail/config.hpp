// threadlife/detail/config.hpp - which stop token the shim uses.
//
// THREADLIFE_STD_STOP_TOKEN is 1 when threadlife::stop_token and friends are the standard
// library's (C++20 with <stop_token>), 0 when they are the shim's own implementation
// (C++17, or THREADLIFE_OWN_STOP_TOKEN defined by the user).
//
// Every translation unit of one program must make the same choice: the two are different
// types, and a function taking threadlife::stop_token means a different thing under each.
#ifndef THREADLIFE_DETAIL_CONFIG_HPP
#define THREADLIFE_DETAIL_CONFIG_HPP

#if __has_include(<version>)
#include <version>
#endif

#if !defined(THREADLIFE_OWN_STOP_TOKEN) && defined(__cpp_lib_jthread) && \
    __cpp_lib_jthread >= 201911L
#define THREADLIFE_STD_STOP_TOKEN 1
#else
#define THREADLIFE_STD_STOP_TOKEN 0
#endif

#endif
