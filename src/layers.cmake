# The audit log is its own library below the core (src/audit/CMakeLists.txt).
add_subdirectory(audit)

# The module's layers below the C ABI: core, config, rng, mechanisms.
file(GLOB CRATON_CORE_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/core/*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/config/*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/rng/*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/selftest/*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/store/*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/mech/*.cpp)
add_library(craton_core STATIC ${CRATON_CORE_SOURCES})
target_include_directories(craton_core PUBLIC ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include)
target_link_libraries(craton_core
    PUBLIC OpenSSL::Crypto PkgConfig::TOMLPLUSPLUS PkgConfig::LMDB Threads::Threads craton_pqc
           craton_audit
    PRIVATE craton_warnings)
if(CRATON_TEST_HOOKS)
    target_compile_definitions(craton_core PUBLIC CRATON_TEST_HOOKS=1)
endif()

# The PKCS#11 module: only the C ABI lives here, and only C_* symbols leave it.
file(GLOB CRATON_ABI_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/pkcs11/*.cpp)
add_library(craton_hsm SHARED ${CRATON_ABI_SOURCES})
target_link_libraries(craton_hsm PRIVATE craton_core craton_warnings)
set_target_properties(craton_hsm PROPERTIES PREFIX "lib" OUTPUT_NAME craton_hsm)
# -z nodelete: dlclose never unmaps the module. Its OpenSSL library context (the module DRBG
# behind a built-in provider, src/rng/openssl_rand.h) lives in libcrypto's per-thread state,
# and OPENSSL_cleanup calls the provider's functions at process exit; an unmapped module made
# that exit crash. A kept module also keeps the FIPS error latch until the process ends.
target_link_options(craton_hsm PRIVATE
    -Wl,--version-script=${CMAKE_CURRENT_SOURCE_DIR}/pkcs11/exports.map
    -Wl,--no-undefined -Wl,-z,relro -Wl,-z,now -Wl,-z,nodelete)
set_target_properties(craton_hsm PROPERTIES LINK_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/pkcs11/exports.map)

# The integrity sidecar libcraton_hsm.hmac (HMAC-SHA-256 of the module), which every
# C_Initialize checks: written by craton-hsm-admin right after each link of the module.
add_custom_command(TARGET craton_hsm POST_BUILD
    COMMAND $<TARGET_FILE:craton-hsm-admin> integrity sign $<TARGET_FILE:craton_hsm>
    COMMENT "Writing the integrity sidecar libcraton_hsm.hmac"
    VERBATIM)
add_dependencies(craton_hsm craton-hsm-admin)

# Certified-build tooling: ACVP runner library, binary signing envelope (src/certified).
include(${CMAKE_CURRENT_SOURCE_DIR}/certified/certified.cmake)
