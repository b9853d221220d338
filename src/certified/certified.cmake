# Certified-build tooling (issue 9): the ACVP runner library, the binary signing envelope and
# the release-tree comparison.
# Both sit above the core library and use only its primitives; the tools link them.
find_package(nlohmann_json 3 REQUIRED)

file(GLOB CRATON_ACVP_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/certified/acvp/*.cpp)
add_library(craton_acvp STATIC ${CRATON_ACVP_SOURCES})
target_link_libraries(craton_acvp PUBLIC craton_core nlohmann_json::nlohmann_json
                      PRIVATE craton_warnings)

# Binary signing envelope, release-tree comparison and security-policy generation, used by
# craton-hsm-admin.
file(GLOB CRATON_CERTIFIED_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/certified/signing/*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/certified/release/*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/certified/cmvp/*.cpp)
add_library(craton_certified STATIC ${CRATON_CERTIFIED_SOURCES})
target_link_libraries(craton_certified PUBLIC craton_core nlohmann_json::nlohmann_json
                      PRIVATE craton_warnings)
target_compile_definitions(craton_certified PUBLIC CRATON_VERSION="${PROJECT_VERSION}")
