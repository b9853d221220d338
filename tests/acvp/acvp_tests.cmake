# ACVP runner over every vector set in ../shared/vectors/acvp (label "acvp"): one ctest per set,
# failing on any mismatch. Sets the runner has no handler for exit 2 and show as skipped.
# Sampled here to keep `make test` short (the full runs carry the "slow" label):
#   SHA2-*: one large-data (LDT, 1 GiB) case; SHA3-*: no LDT case (their first is 8 GiB);
#   SLH-DSA-sigGen: one case per group of the slow 's' sets, two per group of the 'f' sets.
file(GLOB ACVP_SET_DIRS LIST_DIRECTORIES true ${CRATON_VECTORS_DIR}/acvp/*)
foreach(dir ${ACVP_SET_DIRS})
    if(NOT EXISTS ${dir}/prompt.json)
        continue()  # upstream prompt missing (see the vector README): nothing to run
    endif()
    get_filename_component(set ${dir} NAME)
    set(args ${dir}/prompt.json -o ${CMAKE_BINARY_DIR}/acvp/${set}.response.json)
    if(EXISTS ${dir}/expectedResults.json)
        list(APPEND args --expected ${dir}/expectedResults.json)
    endif()
    set(sampling "")
    if(set MATCHES "^SHA2-")
        set(sampling --sample testType=LDT:1)
    elseif(set MATCHES "^SHA3-")
        set(sampling --sample testType=LDT:0)
    elseif(set MATCHES "^SLH-DSA-sigGen")
        set(sampling --sample parameterSet=*s:1 --sample parameterSet=*f:2)
    endif()
    add_test(NAME acvp.${set} COMMAND $<TARGET_FILE:craton-hsm-acvp> ${args} ${sampling})
    set_tests_properties(acvp.${set} PROPERTIES LABELS "acvp" SKIP_RETURN_CODE 2 TIMEOUT 600)
    if(sampling)
        add_test(NAME acvp_full.${set} COMMAND $<TARGET_FILE:craton-hsm-acvp> ${args})
        set_tests_properties(acvp_full.${set} PROPERTIES LABELS "slow" TIMEOUT 7200)
    endif()
endforeach()

# The comparison must be able to fail: mutated expected files are reported, naming the tcId.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
    add_test(NAME acvp.mutated_expected_is_reported
             COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/acvp/mutated_expected.sh
                     $<TARGET_FILE:craton-hsm-acvp> ${CRATON_VECTORS_DIR}/acvp ${Python3_EXECUTABLE})
    set_tests_properties(acvp.mutated_expected_is_reported PROPERTIES LABELS "acvp" TIMEOUT 300)
endif()
