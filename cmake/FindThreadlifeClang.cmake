# Finds Debian's LLVM/Clang packages of one major version (THREADLIFE_LLVM_VERSION).
# A clang-tidy plugin only loads into a clang-tidy of the same major version, so the
# version is a choice of the build, not a minimum.
set(THREADLIFE_LLVM_VERSION 19 CACHE STRING "LLVM/Clang major version to build against")
set(THREADLIFE_LLVM_ROOT "/usr/lib/llvm-${THREADLIFE_LLVM_VERSION}" CACHE PATH
    "Installation prefix of that LLVM/Clang")

# No version in the call: Debian's config rejects "19" against 19.1.7.
find_package(LLVM CONFIG REQUIRED
             PATHS "${THREADLIFE_LLVM_ROOT}/lib/cmake/llvm" NO_DEFAULT_PATH)
find_package(Clang CONFIG REQUIRED
             PATHS "${THREADLIFE_LLVM_ROOT}/lib/cmake/clang" NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL THREADLIFE_LLVM_VERSION)
  message(FATAL_ERROR "asked for LLVM ${THREADLIFE_LLVM_VERSION}, found ${LLVM_PACKAGE_VERSION}")
endif()
message(STATUS "threadlife: checks built against LLVM ${LLVM_PACKAGE_VERSION} in ${THREADLIFE_LLVM_ROOT}")

# The driver passes this to every compile so that clang's builtin headers are found
# whereever the driver binary lives.
set(THREADLIFE_CLANG_RESOURCE_DIR
    "${THREADLIFE_LLVM_ROOT}/lib/clang/${LLVM_VERSION_MAJOR}")
