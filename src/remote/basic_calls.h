// The request shapes several groups of remote calls share: an operation init (session,
// mechanism, key) and a call that sends one data part and answers with a CK_RV only.
#pragma once

#include "remote/remote_guard.h"
#include "remote/remote_state.h"
#include "wire/mechanism_codec.h"

namespace craton::remote {

inline v1::OperationInitRequest init_request(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism,
                                             CK_OBJECT_HANDLE key) {
    v1::OperationInitRequest q;
    q.set_session(session);
    wire::encode_mechanism(mechanism, *q.mutable_mechanism());
    q.set_key(key);
    return q;
}

// C_EncryptInit, C_MessageSignInit and the like: f(session, mechanism, key) by one RPC.
inline CK_RV init_call(Rpc<v1::OperationInitRequest, v1::RvResponse> method,
                       CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism,
                       CK_OBJECT_HANDLE key) {
    v1::RvResponse r;
    return rpc(method, init_request(session, mechanism, key), r);
}

// C_DigestUpdate, C_VerifySignature and the like: f(session, data, data_len) by one RPC.
inline CK_RV data_call(Rpc<v1::DataRequest, v1::RvResponse> method, CK_SESSION_HANDLE session,
                       CK_BYTE_PTR in, CK_ULONG in_len) {
    v1::DataRequest q;
    q.set_session(session);
    q.set_data(input(in, in_len));
    v1::RvResponse r;
    return rpc(method, q, r);
}

}  // namespace craton::remote
