// Process-wide module state: initialised or not, by which process, with which locking.
//
// Every ABI call enters through Library::with(), which holds a shared gate for the call's
// duration; C_Initialize and C_Finalize take the gate exclusively, so finalisation waits for
// calls in flight instead of pulling state from under them. A forked child sees the module as
// not initialised until it calls C_Initialize itself. When the application supplied mutex
// callbacks without CKF_OS_LOCKING_OK, calls are additionally serialised through one of its
// mutexes.
#pragma once

#include <craton/pkcs11/pkcs11.h>

#include "core/hsm.h"

namespace craton {

class Library {
public:
    static void initialize(const CK_C_INITIALIZE_ARGS* args);
    static void finalize();

    template <class F>
    static decltype(auto) with(F&& fn) {
        Entry entry;
        return fn(*entry.hsm);
    }

private:
    // Holds the gate (and the application's mutex, if any) for one call.
    struct Entry {
        Entry();
        ~Entry();
        Entry(const Entry&) = delete;
        Entry& operator=(const Entry&) = delete;
        Hsm* hsm;
        bool app_locked = false;
    };
};

}  // namespace craton
