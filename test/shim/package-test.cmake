# Run by ctest as shim.package.<MODE> (cmake -P): takes the runtime library in as a user
# does, builds the consumer (package-consumer/) against it and runs it.
#   find_package      install THREADLIFE_BUILD_DIR's library; find_package() it
#   pkg-config        install it; compile with `pkg-config --cflags --libs threadlife`
#   shared            build the library alone with BUILD_SHARED_LIBS=ON, install it, and
#                     consume it both ways
#   add_subdirectory  add threadlife's source tree to the consumer's build
#   FetchContent      fetch an archive of the tree's CMakeLists.txt and shim/ only
# A project that adds threadlife's tree gets the library only: the test fails if its
# configuration looked for GoogleTest or made a test or checker target.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
set(consumer ${WORK_DIR}/consumer)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " shown "${ARGN}")
    message(FATAL_ERROR "failed (${status}): ${shown}")
  endif()
endfunction()

function(consume_with_cmake how)
  run(${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${consumer} -G ${GENERATOR}
      -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DHOW=${how} ${ARGN})
  run(${CMAKE_COMMAND} --build ${consumer})
  run(${consumer}/consumer)
endfunction()

function(consume_with_pkg_config)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${prefix}/lib/pkgconfig
      pkg-config --cflags --libs threadlife
    RESULT_VARIABLE status OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "pkg-config does not find threadlife.pc in ${prefix}/lib/pkgconfig")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run(${CXX_COMPILER} -std=c++17 ${CONSUMER_SOURCE_DIR}/main.cpp ${flags}
      -o ${WORK_DIR}/pkg-config-consumer)
  run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${prefix}/lib ${WORK_DIR}/pkg-config-consumer)
endfunction()

function(expect_library_only)
  file(READ ${consumer}/CMakeCache.txt cache)
  file(READ ${consumer}/build.ninja targets)
  if(cache MATCHES "GTest_DIR|GTEST_INCLUDE_DIR")
    message(FATAL_ERROR "the consumer's configuration looked for GoogleTest")
  endif()
  if(targets MATCHES "shim_stop_token_|threadlife-tidy")
    message(FATAL_ERROR "the consumer's build has threadlife's test or checker targets")
  endif()
endfunction()

if(MODE STREQUAL "find_package" OR MODE STREQUAL "pkg-config")
  run(${CMAKE_COMMAND} --install ${THREADLIFE_BUILD_DIR} --prefix ${prefix} --component shim)
  if(MODE STREQUAL "find_package")
    consume_with_cmake(find_package -DCMAKE_PREFIX_PATH=${prefix})
  else()
    consume_with_pkg_config()
  endif()
elseif(MODE STREQUAL "shared")
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/library -G ${GENERATOR}
      -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release
      -DTHREADLIFE_BUILD_CHECKER=OFF -DBUILD_SHARED_LIBS=ON)
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/library)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/library --prefix ${prefix})
  file(GLOB shared ${prefix}/lib/libthreadlife_shim.so*)
  file(GLOB static ${prefix}/lib/libthreadlife_shim.a)
  if(NOT shared OR static)
    message(FATAL_ERROR "BUILD_SHARED_LIBS=ON installed '${shared}' '${static}', not a shared library")
  endif()
  consume_with_cmake(find_package -DCMAKE_PREFIX_PATH=${prefix})
  consume_with_pkg_config()
elseif(MODE STREQUAL "add_subdirectory")
  consume_with_cmake(add_subdirectory -DTHREADLIFE_SOURCE_DIR=${SOURCE_DIR})
  expect_library_only()
elseif(MODE STREQUAL "FetchContent")
  set(archive ${WORK_DIR}/threadlife-source.tar.gz)
  run(${CMAKE_COMMAND} -E chdir ${SOURCE_DIR} ${CMAKE_COMMAND} -E tar czf ${archive} CMakeLists.txt shim)
  consume_with_cmake(FetchContent -DTHREADLIFE_ARCHIVE=${archive})
  expect_library_only()
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()
