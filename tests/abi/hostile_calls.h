// Every entry point of the module as one table, callable with arguments made up from a plan.
//
// The hostile-caller suites need to call all 104 functions the same way (with NULL in one
// pointer argument, with a closed session handle, after C_Finalize, ...). Writing 104 calls by
// hand per property would drift from the function list; instead each table row is built from
// the function's own pointer type, so the argument list always matches the prototype and the
// rows come from the header's X-macro (CRATON_P11_FUNCTIONS_ALL).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "abi/module_fixture.h"

namespace craton::abitest {

// How to fill in a call's arguments.
struct CallPlan {
    CK_ULONG first = 0;       // the first integer argument: a session handle or a slot id
    CK_ULONG rest = 0;        // every later integer argument (lengths, counts, handles, types)
    void* scratch = nullptr;  // every data pointer argument, except...
    int null_at = -1;         // ...the argument at this position, which gets NULL (-1: none)
};

namespace hostile_detail {

template <class T>
constexpr bool is_data_pointer =
    std::is_pointer_v<T> && !std::is_function_v<std::remove_pointer_t<T>>;

// Position of the first non-pointer argument (sizeof...(A) if none).
template <class... A>
constexpr std::size_t first_integer() {
    constexpr bool is_int[] = {!std::is_pointer_v<A>..., false};
    for (std::size_t i = 0; i < sizeof...(A); ++i) {
        if (is_int[i]) return i;
    }
    return sizeof...(A);
}

template <class T>
T make_arg(const CallPlan& plan, std::size_t index, std::size_t first_int) {
    if constexpr (std::is_pointer_v<T>) {
        // Callbacks (C_OpenSession's Notify) are always NULL: scratch memory is not code.
        if constexpr (!is_data_pointer<T>) {
            return nullptr;
        } else {
            if (static_cast<int>(index) == plan.null_at) return nullptr;
            return static_cast<T>(plan.scratch);
        }
    } else {
        return static_cast<T>(index == first_int ? plan.first : plan.rest);
    }
}

template <class... A, std::size_t... I>
CK_RV call_planned(CK_RV (*fn)(A...), const CallPlan& plan, std::index_sequence<I...>) {
    constexpr std::size_t first_int = first_integer<A...>();
    return fn(make_arg<A>(plan, I, first_int)...);
}

template <class... A>
CK_RV invoke(CK_RV (*fn)(A...), const CallPlan& plan) {
    return call_planned(fn, plan, std::index_sequence_for<A...>{});
}

template <class... A>
std::vector<int> pointer_positions(CK_RV (*)(A...)) {
    constexpr bool is_ptr[] = {is_data_pointer<A>..., false};
    std::vector<int> out;
    for (std::size_t i = 0; i < sizeof...(A); ++i) {
        if (is_ptr[i]) out.push_back(static_cast<int>(i));
    }
    return out;
}

template <class... A>
bool first_is_integer(CK_RV (*)(A...)) {
    return first_integer<A...>() == 0 && sizeof...(A) > 0;
}

}  // namespace hostile_detail

struct EntryPoint {
    std::string name;
    std::vector<int> pointer_args;  // positions of data pointer arguments
    bool takes_handle_first;        // first argument is a session handle or slot id
    std::function<CK_RV(const CallPlan&)> call;
};

template <class Fn>
EntryPoint entry_point(const char* name, Fn fn) {
    return {name, hostile_detail::pointer_positions(fn), hostile_detail::first_is_integer(fn),
            [fn](const CallPlan& plan) { return hostile_detail::invoke(fn, plan); }};
}

// The 3.2 table (the newest interface, which C_GetInterface gives without a version).
inline CK_FUNCTION_LIST_3_2* p11_v32() {
    static CK_FUNCTION_LIST_3_2* list = [] {
        auto get = Module::get().symbol<CK_C_GetInterface>("C_GetInterface");
        CK_INTERFACE* iface = nullptr;
        CK_UTF8CHAR name[] = "PKCS 11";
        if (get == nullptr || get(name, nullptr, &iface, 0) != CKR_OK || iface == nullptr) {
            std::fprintf(stderr, "module has no \"PKCS 11\" 3.2 interface\n");
            std::abort();
        }
        return static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);
    }();
    return list;
}

// Every function of the 3.2 table, in table order.
inline const std::vector<EntryPoint>& every_entry_point() {
    static const std::vector<EntryPoint> table = [] {
        CK_FUNCTION_LIST_3_2* f = p11_v32();
        std::vector<EntryPoint> t;
#define CRATON_HOSTILE_ROW(name) t.push_back(entry_point(#name, f->name));
        CRATON_P11_FUNCTIONS_ALL(CRATON_HOSTILE_ROW)
#undef CRATON_HOSTILE_ROW
        return t;
    }();
    return table;
}

// Functions whose first integer is a slot id (or flags), not a session handle.
inline bool takes_slot_not_session(const std::string& name) {
    static const char* const kSlotFunctions[] = {
        "C_GetSlotInfo", "C_GetTokenInfo", "C_GetMechanismList", "C_GetMechanismInfo",
        "C_InitToken",   "C_OpenSession",  "C_CloseAllSessions", "C_WaitForSlotEvent",
        "C_GetSlotList"};
    for (const char* n : kSlotFunctions) {
        if (name == n) return true;
    }
    return false;
}

// Functions the specification lets an application call before C_Initialize.
inline bool callable_without_initialize(const std::string& name) {
    return name == "C_Initialize" || name == "C_GetFunctionList" ||
           name == "C_GetInterfaceList" || name == "C_GetInterface";
}

}  // namespace craton::abitest
