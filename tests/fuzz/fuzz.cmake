# Fuzz targets (tests/fuzz/<name>_fuzz.cpp, each defining LLVMFuzzerTestOneInput).
#
# Every build makes fuzz_replay_<name>: the target linked with replay_main.cpp instead of
# libFuzzer, run by ctest (label "fuzz") over tests/fuzz/corpus/<name> and
# tests/fuzz/regressions/<name>. So `make test` replays the seed corpus and every input that
# once found a bug, with the ordinary compiler. With CRATON_BUILD_FUZZ (clang only; see
# scripts/run-fuzz and `make fuzz`) the same sources also become libFuzzer programs fuzz_<name>.
set(CRATON_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
file(GLOB FUZZ_TARGET_SOURCES CONFIGURE_DEPENDS ${CRATON_FUZZ_DIR}/*_fuzz.cpp)

foreach(src ${FUZZ_TARGET_SOURCES})
    get_filename_component(stem ${src} NAME_WE)
    string(REGEX REPLACE "_fuzz$" "" name ${stem})
    set(programs fuzz_replay_${name})
    add_executable(fuzz_replay_${name} ${src} ${CRATON_FUZZ_DIR}/replay_main.cpp)
    if(CRATON_BUILD_FUZZ)
        add_executable(fuzz_${name} ${src})
        target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
        list(APPEND programs fuzz_${name})
    endif()
    foreach(program ${programs})
        target_include_directories(${program} PRIVATE ${CRATON_FUZZ_DIR})
        # The PQC decoders need only src/pqc, the ACVP reader its runner; the others the core
        # library.
        if(name STREQUAL "pqc_decode")
            target_link_libraries(${program} PRIVATE craton_pqc craton_warnings)
        elseif(name STREQUAL "acvp_json")
            target_link_libraries(${program} PRIVATE craton_acvp craton_warnings)
        else()
            target_link_libraries(${program} PRIVATE craton_core ${CMAKE_DL_LIBS} craton_warnings)
        endif()
        # The ABI target loads this build's module as an application would.
        target_compile_definitions(${program} PRIVATE
            CRATON_MODULE_PATH="$<TARGET_FILE:craton_hsm>")
        if(name STREQUAL "abi")
            add_dependencies(${program} craton_hsm)
        endif()
    endforeach()
    add_test(NAME fuzz.replay.${name}
             COMMAND fuzz_replay_${name} ${CRATON_FUZZ_DIR}/corpus/${name}
                     ${CRATON_FUZZ_DIR}/regressions/${name})
    set_tests_properties(fuzz.replay.${name} PROPERTIES LABELS "fuzz" TIMEOUT 300)
endforeach()

if(CRATON_BUILD_FUZZ)
    # clang links no sanitizer or coverage runtime into shared libraries: the module's
    # instrumentation symbols come from the fuzzer program that loads it. Relax the module's
    # -Wl,--no-undefined for this tree only (the later -z undefs wins).
    target_link_options(craton_hsm PRIVATE -Wl,-z,undefs)
endif()
