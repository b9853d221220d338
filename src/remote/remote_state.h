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

// One RPC on the current connection, returning the module's or the transport's CK_RV.
template <class Request, class Response>
CK_RV rpc(Rpc<Request, Response> method, const Request& request, Response& response) {
    return connection()->call(method, request, response);
}

}  // namespace craton::remote
