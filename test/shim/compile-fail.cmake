# Run by ctest as shim.compile-fail.<name> (cmake -P): SOURCE must not compile, and the
# compiler's output must contain the text of its "// expected-error:" line; compiled with
# THREADLIFE_COMPILE_FAIL_CONTROL defined (the well-formed twin of the bad line), it must
# compile, so that the failure is the one the test is about.
file(STRINGS ${SOURCE} expected REGEX "// expected-error: ")
if(NOT expected)
  message(FATAL_ERROR "${SOURCE}: no // expected-error: line")
endif()
string(REGEX REPLACE ".*// expected-error: " "" expected "${expected}")

foreach(standard 17 20)
  set(compile ${CXX_COMPILER} -std=c++${standard} -fsyntax-only -I${INCLUDE_DIR} ${SOURCE})
  execute_process(COMMAND ${compile} -DTHREADLIFE_COMPILE_FAIL_CONTROL
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "C++${standard}: the control does not compile:\n${out}")
  endif()
  execute_process(COMMAND ${compile} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(status EQUAL 0)
    message(FATAL_ERROR "C++${standard}: compiled, but must not")
  endif()
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "C++${standard}: failed without \"${expected}\":\n${out}")
  endif()
endforeach()
