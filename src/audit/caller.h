// Who the current call is made for, when the module is driven by craton-hsm-daemon on behalf of
// a remote client: the client certificate's SHA-256 fingerprint, recorded as "client" in every
// audit record written on this thread until cleared.
//
// Thread-local because the daemon makes each PKCS#11 call on the thread that serves the RPC and
// sets the identity just before it (craton_hsm_set_client, src/pkcs11/exports_client.cpp); an
// in-process application never sets it, and its records carry no "client".
#pragma once

#include <string>

namespace craton::audit {

void set_caller(std::string identity) noexcept;
const std::string& caller() noexcept;

}  // namespace craton::audit
