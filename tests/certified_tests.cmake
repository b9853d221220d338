# Certified-build tooling (issue 9): signing envelope, release-tree and security-policy unit
# tests and the admin sign-binary CLI (label "certified": scripts/run-tests' sanitizer pass
# builds only its own targets and runs label "unit"), and the ACVP runner over every shared
# vector set (label "acvp").
file(GLOB CERTIFIED_TEST_SOURCES CONFIGURE_DEPENDS unit/signing/*.cpp unit/release/*.cpp
     unit/cmvp/*.cpp)
if(CERTIFIED_TEST_SOURCES AND TARGET craton_certified)
    add_executable(certified_tests ${CERTIFIED_TEST_SOURCES})
    target_link_libraries(certified_tests PRIVATE craton_certified GTest::gtest_main craton_warnings)
    craton_add_gtest(certified_tests certified)
endif()

include(${CMAKE_CURRENT_SOURCE_DIR}/acvp/acvp_tests.cmake)

add_test(NAME certified.sign_binary_cli
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/certified/sign_binary_cli.sh
                 $<TARGET_FILE:craton-hsm-admin>)
set_tests_properties(certified.sign_binary_cli PROPERTIES LABELS "certified")

add_test(NAME certified.cmvp_manifest
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/certified/cmvp_manifest.sh
                 $<TARGET_FILE:craton-hsm-admin> $<TARGET_FILE:craton_hsm>
                 ${CMAKE_SOURCE_DIR}/cmake/manifest_packages.txt ${CMAKE_CXX_COMPILER})
set_tests_properties(certified.cmvp_manifest PROPERTIES LABELS "certified")

add_test(NAME certified.release_gpg
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/certified/release_gpg.sh
                 ${CMAKE_SOURCE_DIR}/scripts/sign-sums $<TARGET_FILE:craton_hsm>)
set_tests_properties(certified.release_gpg PROPERTIES LABELS "certified")
