// The module state machine: the transition graph obeys the seeds' rules (checked over the
// table itself), and the run-time enforcement latches the error state on a forbidden move.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <queue>
#include <set>

#include "core/error.h"
#include "selftest/module_state.h"

namespace craton::selftest {
namespace {

std::set<State> successors(State s) {
    std::set<State> out;
    for (State t : kAllStates) {
        if (transition_allowed(s, t)) out.insert(t);
    }
    return out;
}

// States reachable from `from` without entering any state in `avoid`.
std::set<State> reachable(State from, const std::set<State>& avoid) {
    std::set<State> seen{from};
    std::queue<State> q;
    q.push(from);
    while (!q.empty()) {
        const State s = q.front();
        q.pop();
        for (State t : successors(s)) {
            if (avoid.count(t) == 0 && seen.insert(t).second) q.push(t);
        }
    }
    return seen;
}

TEST(ModuleStateGraph, EveryStateReachableFromPowerOffAndBack) {
    const auto all = reachable(State::PowerOff, {});
    EXPECT_EQ(all.size(), kAllStates.size());
    for (State s : kAllStates) {
        EXPECT_TRUE(reachable(s, {}).count(State::PowerOff)) << state_name(s);
    }
}

TEST(ModuleStateGraph, SelfTestIsTheOnlyWayOutOfPowerOn) {
    EXPECT_EQ(successors(State::PowerOn), std::set<State>{State::SelfTest});
    EXPECT_EQ(successors(State::PowerOff), std::set<State>{State::PowerOn});
    // No operational state is reachable from PowerOn without passing SelfTest.
    const auto r = reachable(State::PowerOn, {State::SelfTest});
    EXPECT_EQ(r.count(State::UserMode), 0u);
    EXPECT_EQ(r.count(State::CryptoOfficerMode), 0u);
}

TEST(ModuleStateGraph, ErrorStateLeadsOnlyToZeroizationOrPowerOff) {
    EXPECT_EQ(successors(State::ErrorState),
              (std::set<State>{State::Zeroization, State::PowerOff}));
    // Nothing operational can be reached from the error state without powering off.
    const auto r = reachable(State::ErrorState, {State::PowerOff});
    EXPECT_EQ(r.count(State::UserMode), 0u);
    EXPECT_EQ(r.count(State::CryptoOfficerMode), 0u);
    EXPECT_EQ(r.count(State::SelfTest), 0u);
}

TEST(ModuleStateGraph, OperationalStatesPassThroughZeroizationBeforePowerOff) {
    for (State op : {State::UserMode, State::CryptoOfficerMode}) {
        EXPECT_FALSE(transition_allowed(op, State::PowerOff)) << state_name(op);
        // Without Zeroization (and without the failure path), PowerOff is out of reach.
        const auto r = reachable(op, {State::Zeroization, State::ErrorState});
        EXPECT_EQ(r.count(State::PowerOff), 0u) << state_name(op);
    }
    EXPECT_EQ(successors(State::Zeroization), std::set<State>{State::PowerOff});
}

TEST(ModuleStateGraph, NoSelfLoops) {
    for (State s : kAllStates) EXPECT_FALSE(transition_allowed(s, s)) << state_name(s);
}

// Run-time enforcement changes the process-wide state, so each case runs in a child.
TEST(ModuleStateDeathTest, OrderlyLifeCycle) {
    EXPECT_EXIT(
        {
            transition(State::PowerOn);
            transition(State::SelfTest);
            transition(State::UserMode);
            officer_logged_in();
            const bool co = current_state() == State::CryptoOfficerMode;
            officer_logged_out();
            const bool user = current_state() == State::UserMode;
            transition(State::Zeroization);
            transition(State::PowerOff);
            std::exit(co && user && !in_error_state() && current_state() == State::PowerOff ? 0
                                                                                            : 1);
        },
        testing::ExitedWithCode(0), "");
}

TEST(ModuleStateDeathTest, ForbiddenTransitionLatchesError) {
    EXPECT_EXIT(
        {
            transition(State::PowerOn);
            try {
                transition(State::UserMode);  // skipping SelfTest
                std::exit(2);
            } catch (const Pkcs11Error& e) {
                if (e.rv() != CKR_GENERAL_ERROR) std::exit(3);
            }
            std::exit(in_error_state() && current_state() == State::ErrorState ? 0 : 1);
        },
        testing::ExitedWithCode(0), "");
}

TEST(ModuleStateDeathTest, ErrorLatchSurvivesPowerCycle) {
    EXPECT_EXIT(
        {
            transition(State::PowerOn);
            transition(State::SelfTest);
            enter_error_state("simulated KAT failure");
            transition(State::Zeroization);
            transition(State::PowerOff);
            transition(State::PowerOn);
            bool refused = false;
            try {
                require_not_error();
            } catch (const Pkcs11Error& e) {
                refused = e.rv() == CKR_GENERAL_ERROR;
            }
            std::exit(refused && error_reason() == "simulated KAT failure" ? 0 : 1);
        },
        testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace craton::selftest
