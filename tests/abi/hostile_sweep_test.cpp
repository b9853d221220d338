// Every exported function, driven from the function table with NULL in each pointer argument
// in turn and lengths of 0, 16, 2^32-1 and 2^64-1. Whatever the function thinks of the other
// arguments, the module must answer with an error code (never crash, never read through
// NULL), must not report an internal error (CKR_GENERAL_ERROR means an exception the module did
// not expect reached the guard), and the session must work afterwards.
//
// The precise codes for the NULL arguments the specification names are checked function by
// function in hostile_args_test.cpp and hostile_sequences_test.cpp; this sweep is what keeps
// every new entry point covered without anyone writing a test for it.
#include <map>
#include <sstream>

#include "abi/hostile_calls.h"
#include "abi/hostile_fixture.h"

namespace craton::abitest {
namespace {

class HostileSweepTest : public HostileTest {
  protected:
    // Every data pointer that is not NULL points here: zeroed memory, larger than any
    // structure or output the calls could write with the counts used below.
    std::vector<CK_ULONG> scratch_ = std::vector<CK_ULONG>(8192);

    CK_ULONG first_for(const EntryPoint& e) const {
        return takes_slot_not_session(e.name) ? slot_ : s_;
    }
    // Functions the sweep leaves out: they change the library itself, not a session.
    static bool skipped(const EntryPoint& e) {
        return e.name == "C_Initialize" || e.name == "C_Finalize";
    }
    CK_RV run(const EntryPoint& e, CallPlan plan) {
        std::fill(scratch_.begin(), scratch_.end(), 0);
        return e.call(plan);
    }
};

TEST_F(HostileSweepTest, NullInEachPointerArgument) {
    std::ostringstream bad;
    int calls = 0;
    for (const CK_ULONG length : {CK_ULONG{0}, CK_ULONG{16}}) {
        for (const auto& e : every_entry_point()) {
            if (skipped(e)) continue;
            for (const int position : e.pointer_args) {
                CallPlan plan;
                plan.first = first_for(e);
                plan.rest = length;
                plan.scratch = scratch_.data();
                plan.null_at = position;
                const CK_RV rv = run(e, plan);
                ++calls;
                if (rv == CKR_GENERAL_ERROR || rv == CKR_HOST_MEMORY) {
                    bad << e.name << "(NULL at " << position << ", lengths " << length
                        << ") = " << rv_name(rv) << "\n";
                }
            }
        }
    }
    EXPECT_GT(calls, 150);  // the table really reached the functions
    EXPECT_EQ(bad.str(), "");
    expect_session_works(s_);
}

TEST_F(HostileSweepTest, AllPointersNullWithHugeLengths) {
    // NULL everywhere and every length/count at 2^32-1 or 2^64-1: a module that trusted a
    // length before checking its pointer would read or allocate gigabytes here.
    std::ostringstream bad;
    for (const CK_ULONG length : {CK_ULONG{0xFFFFFFFFul}, ~CK_ULONG{0}}) {
        for (const auto& e : every_entry_point()) {
            if (skipped(e) || e.pointer_args.empty()) continue;
            CallPlan plan;
            plan.first = first_for(e);
            plan.rest = length;
            plan.scratch = nullptr;
            const CK_RV rv = run(e, plan);
            // *Init with a NULL mechanism is a cancel (PKCS#11 3.0), the one NULL that succeeds.
            const bool cancel = e.name.ends_with("Init") && e.name != "C_FindObjectsInit";
            if ((rv == CKR_OK && !cancel) || rv == CKR_GENERAL_ERROR || rv == CKR_HOST_MEMORY) {
                bad << e.name << "(all NULL, lengths " << length << ") = " << rv_name(rv)
                    << "\n";
            }
        }
    }
    EXPECT_EQ(bad.str(), "");
    expect_session_works(s_);
}

TEST_F(HostileSweepTest, ZeroLengthsWithValidPointers) {
    // Zero-length inputs and zero-sized output buffers: legal to pass, never an internal error.
    std::ostringstream bad;
    for (const auto& e : every_entry_point()) {
        if (skipped(e) || e.pointer_args.empty()) continue;
        CallPlan plan;
        plan.first = first_for(e);
        plan.rest = 0;
        plan.scratch = scratch_.data();
        const CK_RV rv = run(e, plan);
        if (rv == CKR_GENERAL_ERROR || rv == CKR_HOST_MEMORY) {
            bad << e.name << "(zero lengths) = " << rv_name(rv) << "\n";
        }
    }
    EXPECT_EQ(bad.str(), "");
    expect_session_works(s_);
}

}  // namespace
}  // namespace craton::abitest
