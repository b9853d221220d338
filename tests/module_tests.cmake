# Tests of the module itself: header checks, core unit tests, and ABI tests that dlopen the
# built libcraton_hsm.so exactly as an application does.

add_executable(header_tests unit/pkcs11/header_test.cpp)
target_include_directories(header_tests PRIVATE ${CMAKE_SOURCE_DIR}/include)
target_link_libraries(header_tests PRIVATE GTest::gtest_main craton_warnings)
craton_add_gtest(header_tests unit)

file(GLOB CORE_UNIT_SOURCES CONFIGURE_DEPENDS unit/core/*.cpp)
if(CORE_UNIT_SOURCES)
    add_executable(core_unit_tests ${CORE_UNIT_SOURCES})
    target_link_libraries(core_unit_tests PRIVATE craton_core craton_test_support
                          GTest::gtest_main GTest::gmock craton_warnings)
    craton_add_gtest(core_unit_tests unit)
endif()

# ABI tests load the module by path; CRATON_MODULE_PATH points them at this build's module.
file(GLOB ABI_TEST_SOURCES CONFIGURE_DEPENDS abi/*.cpp)
if(ABI_TEST_SOURCES)
    add_executable(abi_tests ${ABI_TEST_SOURCES})
    # src/ only for header-only tables the tests cross-check (core/role_services.h).
    target_include_directories(abi_tests PRIVATE ${CMAKE_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}/src
                               ${CMAKE_CURRENT_SOURCE_DIR})
    target_compile_definitions(abi_tests PRIVATE
        CRATON_MODULE_PATH="$<TARGET_FILE:craton_hsm>")
    target_link_libraries(abi_tests PRIVATE craton_test_support GTest::gtest_main
                          ${CMAKE_DL_LIBS} Threads::Threads craton_warnings)
    add_dependencies(abi_tests craton_hsm)
    # The self-test ABI tests drive the module's fault switches, which exist only with hooks.
    if(CRATON_TEST_HOOKS)
        target_compile_definitions(abi_tests PRIVATE CRATON_MODULE_HAS_TEST_HOOKS=1)
    endif()
    # Multi-threaded suites (ThreadsTest and suites ending in "ConcurrencyTest") are labelled
    # "concurrency" instead of "abi": the ThreadSanitizer pass of scripts/run-tests runs exactly
    # those, the release and ASan passes run both labels.
    set(_mt "ThreadsTest.*:*ConcurrencyTest.*")
    gtest_discover_tests(abi_tests TEST_FILTER "-*Slow*:${_mt}" PROPERTIES LABELS "abi"
                         DISCOVERY_TIMEOUT 60)
    gtest_discover_tests(abi_tests TEST_FILTER "${_mt}" PROPERTIES LABELS "concurrency"
                         DISCOVERY_TIMEOUT 60)
    gtest_discover_tests(abi_tests TEST_FILTER "*Slow*" TEST_SUFFIX ".slow"
                         PROPERTIES LABELS "slow" DISCOVERY_TIMEOUT 60)
endif()

# Interop scripts drive real clients (pkcs11-tool, p11-kit, openssl, java) against the module.
file(GLOB INTEROP_SCRIPTS CONFIGURE_DEPENDS interop/*.sh)
# lib.sh is the scripts' shared helper, not a test.
list(FILTER INTEROP_SCRIPTS EXCLUDE REGEX "/lib\\.sh$")
foreach(script ${INTEROP_SCRIPTS})
    get_filename_component(name ${script} NAME_WE)
    add_test(NAME interop.${name} COMMAND bash ${script} $<TARGET_FILE:craton_hsm>)
    set_tests_properties(interop.${name} PROPERTIES LABELS "interop" TIMEOUT 600)
endforeach()

# Mechanism and vector tests through the ABI (tests/vectors/mech, tests/unit/mech).
add_library(craton_p11_support STATIC support/p11_module.cpp)
target_include_directories(craton_p11_support PUBLIC ${CMAKE_SOURCE_DIR}/include
                           ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(craton_p11_support PUBLIC
    CRATON_MODULE_PATH="$<TARGET_FILE:craton_hsm>")
target_link_libraries(craton_p11_support PUBLIC GTest::gtest ${CMAKE_DL_LIBS}
                      PRIVATE craton_warnings)
add_dependencies(craton_p11_support craton_hsm)

file(GLOB MECH_TEST_SOURCES CONFIGURE_DEPENDS vectors/mech/*.cpp unit/mech/*.cpp)
if(MECH_TEST_SOURCES)
    add_executable(mech_tests ${MECH_TEST_SOURCES})
    target_link_libraries(mech_tests PRIVATE craton_p11_support craton_test_support
                          OpenSSL::Crypto GTest::gtest_main Threads::Threads craton_warnings)
    craton_add_gtest(mech_tests mech)
endif()

# Store tests that need whole processes (crash safety, several processes on one token).
file(GLOB STORE_TEST_SOURCES CONFIGURE_DEPENDS store/*.cpp)
if(STORE_TEST_SOURCES)
    add_executable(store_tests ${STORE_TEST_SOURCES})
    target_link_libraries(store_tests PRIVATE craton_p11_support GTest::gtest_main craton_warnings)
    # Backup/restore tests drive craton-hsm-admin.
    target_compile_definitions(store_tests PRIVATE
        CRATON_ADMIN_PATH="$<TARGET_FILE:craton-hsm-admin>")
    add_dependencies(store_tests craton-hsm-admin)
    craton_add_gtest(store_tests store)
endif()

# FIPS envelope (issue 4): HMAC_DRBG, module state, self-tests, pairwise tests, over the core
# library directly (tests/unit/rng, tests/unit/selftest, tests/vectors/rng).
file(GLOB FIPS_TEST_SOURCES CONFIGURE_DEPENDS unit/rng/*.cpp unit/selftest/*.cpp vectors/rng/*.cpp)
if(FIPS_TEST_SOURCES)
    add_executable(fips_tests ${FIPS_TEST_SOURCES})
    target_link_libraries(fips_tests PRIVATE craton_core craton_test_support OpenSSL::Crypto
                          GTest::gtest_main Threads::Threads craton_warnings)
    craton_add_gtest(fips_tests fips)
endif()

# Only src/rng may draw randomness; the fixture proves the check can fail.
add_test(NAME source.rng_single_source
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/source/rng_single_source.sh ${CMAKE_SOURCE_DIR})
add_test(NAME source.rng_single_source_catches_fixture
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/source/rng_single_source.sh
                 ${CMAKE_CURRENT_SOURCE_DIR}/source/fixture_bad)
set_tests_properties(source.rng_single_source_catches_fixture PROPERTIES WILL_FAIL TRUE)
set_tests_properties(source.rng_single_source source.rng_single_source_catches_fixture
                     PROPERTIES LABELS "unit")

# The KAT table's expected values must be exactly what the published vector files give.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
    add_test(NAME source.kat_vectors_match_published
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/gen_kat_vectors.py --check
                     --vectors ${CRATON_VECTORS_DIR})
    set_tests_properties(source.kat_vectors_match_published PROPERTIES LABELS "unit")
endif()

# Fuzz targets and the replay of their corpora (tests/fuzz).
include(${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz.cmake)

# Audit log (issue 5): the chain, the writer, the verifier and `craton-hsm-admin audit`, plus
# records the module writes through the ABI (tests/unit/audit).
file(GLOB AUDIT_TEST_SOURCES CONFIGURE_DEPENDS unit/audit/*.cpp)
if(AUDIT_TEST_SOURCES)
    add_executable(audit_tests ${AUDIT_TEST_SOURCES})
    target_link_libraries(audit_tests PRIVATE craton_audit craton_p11_support craton_test_support
                          GTest::gtest_main craton_warnings)
    target_compile_definitions(audit_tests PRIVATE
        CRATON_ADMIN_PATH="$<TARGET_FILE:craton-hsm-admin>")
    add_dependencies(audit_tests craton-hsm-admin)
    craton_add_gtest(audit_tests audit)
endif()

# craton-hsm-admin (label "admin"): the pkcs11: URI code and the progress bar as units, and the
# token, PIN, object and key commands end to end on a persistent store (tests/store/admin_cli.sh).
add_executable(admin_uri_tests unit/admin/pkcs11_uri_test.cpp unit/admin/progress_bar_test.cpp
                               ${CMAKE_SOURCE_DIR}/tools/admin/pkcs11_uri.cpp
                               ${CMAKE_SOURCE_DIR}/tools/admin/progress_bar.cpp)
target_include_directories(admin_uri_tests PRIVATE ${CMAKE_SOURCE_DIR}/tools/admin
                           ${CMAKE_SOURCE_DIR}/include)
target_link_libraries(admin_uri_tests PRIVATE GTest::gtest_main craton_warnings)
craton_add_gtest(admin_uri_tests admin)
add_test(NAME admin.cli_tokens_pins_objects
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/store/admin_cli.sh
                 $<TARGET_FILE:craton-hsm-admin> $<BOOL:${CRATON_TEST_HOOKS}>)
set_tests_properties(admin.cli_tokens_pins_objects PROPERTIES LABELS "admin" TIMEOUT 300)
add_test(NAME admin.keygen_every_type
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/store/admin_keygen_all.sh
                 $<TARGET_FILE:craton-hsm-admin>)
set_tests_properties(admin.keygen_every_type PROPERTIES LABELS "admin" TIMEOUT 600)
