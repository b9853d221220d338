// The remote module's one piece of global state: the connection made by C_Initialize.
#pragma once

#include <memory>

#include "remote/connection.h"

namespace craton::remote {

// The current connection; throws Pkcs11Error(CKR_CRYPTOKI_NOT_INITIALIZED) before C_Initialize
// and after C_Finalize. Callers keep the shared_ptr for the whole call, so a concurrent
// C_Finalize cannot pull the channel from under a call in flight.
std::shared_ptr<Connection> connection();

// Whether C_Initialize has installed a connection.
bool has_connection();
// Installs `c` unless one is installed (then false).
bool install_connection(std::shared_ptr<Connection> c);
// Removes and returns the connection (nullptr when none).
std::shared_ptr<Connection> remove_connection();

// One RPC on the current connection, returning the module's or the transport's CK_RV. The
// call may change what a held-back C_SignInit / C_VerifyInit would answer (held_inits.h), so
// those go first, and what was known of their answers is forgotten before and after.
template <class Request, class Response>
CK_RV rpc(Rpc<Request, Response> method, const Request& request, Response& response) {
    const auto c = connection();
    c->send_held_inits(true);
    const CK_RV rv = c->call(method, request, response);
    c->held_inits().forget();
    return rv;
}

// An RPC that can neither change the daemon's objects, login state or operations nor observe
// a session's operation (information, attribute reads, random bytes): held-back inits stay
// held, and their known answers stay known.
template <class Request, class Response>
CK_RV query_rpc(Rpc<Request, Response> method, const Request& request, Response& response) {
    return connection()->call(method, request, response);
}

}  // namespace craton::remote
