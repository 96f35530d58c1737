# Writes build_info.cc with the current git revision; run at every build
# (src/CMakeLists.txt), so a report never names a stale revision.
# configure_file rewrites the file only when its text changes, so an
# unchanged revision recompiles nothing.
execute_process(COMMAND git rev-parse --short HEAD
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE FRESHBENCH_GIT_REV
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT FRESHBENCH_GIT_REV)
  set(FRESHBENCH_GIT_REV unknown)
endif()
configure_file(${IN} ${OUT} @ONLY)
