# Every dependency comes from a Debian package; nothing is downloaded.
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)

# Standalone Asio (libasio-dev) ships headers only, no CMake package.
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
add_library(csc_asio INTERFACE)
add_library(csc::asio ALIAS csc_asio)
target_include_directories(csc_asio SYSTEM INTERFACE ${ASIO_INCLUDE_DIR})
# Asio 1.22 decides ASIO_HAS_STD_ALIGNED_ALLOC from a libstdc++ macro that is only defined
# once some standard header was included, so translation units that include Asio first
# pair aligned_alloc with operator delete (ASan: alloc-dealloc-mismatch). One choice for all.
target_compile_definitions(csc_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED
    ASIO_DISABLE_STD_ALIGNED_ALLOC)
target_link_libraries(csc_asio INTERFACE Threads::Threads)

find_package(CLI11 REQUIRED)
# libssl-dev: HMAC and nonces for link authentication, TLS for links.
find_package(OpenSSL 3 REQUIRED)
# libsqlite3-dev: the hub's durable log (docs/delivery.md).
find_package(SQLite3 REQUIRED)
if(CSC_BUILD_TESTS)
    find_package(GTest REQUIRED)
    include(GoogleTest)
endif()
