# -Wnull-dereference is left out: with optimisation GCC 12 reports false positives
# inside Asio's own scheduler (inlined from system headers), which -Werror would turn
# into a broken build.
# Warnings and sanitizers, applied through two INTERFACE targets that every
# target links PRIVATE (as in cpp-best-practices/cmake_template).
add_library(csc_options INTERFACE)
add_library(csc_warnings INTERFACE)

target_compile_options(csc_warnings INTERFACE
    -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wpedantic
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(csc_warnings INTERFACE
        -Wduplicated-cond -Wduplicated-branches -Wlogical-op -Wsuggest-override)
endif()
if(CSC_WARNINGS_AS_ERRORS)
    target_compile_options(csc_warnings INTERFACE -Werror)
    # At -O3 (Release) GCC 12 reports false positives inside libstdc++'s own std::string
    # code: -Wrestrict for `"text" + std::string` (GCC bug 105329) and -Wmaybe-uninitialized
    # for strings of aggregates built in place in the tests. Still shown, never fatal.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(csc_warnings INTERFACE -Wno-error=restrict
                                                      -Wno-error=maybe-uninitialized)
    endif()
endif()

if(CSC_SANITIZE)
    target_compile_options(csc_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(csc_options INTERFACE -fsanitize=address,undefined)
    # GCC 12 with the sanitizers reports Asio's awaitable frame operator new/delete pair
    # as mismatched (a false positive inside coroutine frames, e.g. frame_session.cpp).
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(csc_options INTERFACE -Wno-mismatched-new-delete)
    endif()
endif()

# Adds a static library for one layer: csc_add_layer(NAME SOURCES... DEPENDS ...)
function(csc_add_layer name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
    if(NOT ARG_SOURCES)
        message(STATUS "csc: layer ${name} has no sources yet, skipped")
        return()
    endif()
    add_library(csc_${name} STATIC ${ARG_SOURCES})
    add_library(csc::${name} ALIAS csc_${name})
    target_include_directories(csc_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(csc_${name} PUBLIC ${ARG_DEPENDS} csc_options PRIVATE csc_warnings)
endfunction()
