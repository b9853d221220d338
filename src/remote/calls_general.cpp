// Library, slot, token, session and login calls.
#include <cstring>
#include <stdexcept>

#include <openssl/crypto.h>

#include "remote/remote_calls.h"
#include "remote/remote_guard.h"
#include "remote/remote_state.h"

namespace craton::remote {
namespace {

void set_version(CK_VERSION& out, const v1::Version& in) {
    out.major = static_cast<CK_BYTE>(in.major());
    out.minor = static_cast<CK_BYTE>(in.minor());
}

// A PIN for the wire; the message's copy is wiped when the request goes out of scope.
class PinField {
  public:
    PinField(std::string* field, const CK_UTF8CHAR* pin, CK_ULONG length) : field_(field) {
        if (pin == nullptr) fail(CKR_ARGUMENTS_BAD);
        field_->assign(reinterpret_cast<const char*>(pin), length);
    }
    ~PinField() {
        if (!field_->empty()) OPENSSL_cleanse(field_->data(), field_->size());
    }
    PinField(const PinField&) = delete;
    PinField& operator=(const PinField&) = delete;

  private:
    std::string* field_;
};

}  // namespace

CK_RV Initialize(CK_VOID_PTR pInitArgs) {
    return guard([&]() -> CK_RV {
        if (pInitArgs != nullptr) {
            const auto* args = static_cast<const CK_C_INITIALIZE_ARGS*>(pInitArgs);
            if (args->pReserved != nullptr) return CKR_ARGUMENTS_BAD;
            const int given = (args->CreateMutex != nullptr) + (args->DestroyMutex != nullptr) +
                              (args->LockMutex != nullptr) + (args->UnlockMutex != nullptr);
            if (given != 0 && given != 4) return CKR_ARGUMENTS_BAD;
            // gRPC runs its own threads.
            if ((args->flags & CKF_LIBRARY_CANT_CREATE_OS_THREADS) != 0)
                return CKR_NEED_TO_CREATE_THREADS;
        }
        // Checked before any network traffic, so a second C_Initialize gets this code even
        // when the daemon is unreachable (install_connection below settles a race).
        if (has_connection()) return CKR_CRYPTOKI_ALREADY_INITIALIZED;
        std::shared_ptr<Connection> c;
        try {
            c = std::make_shared<Connection>(load_remote_config());
        } catch (const std::runtime_error&) {
            return CKR_GENERAL_ERROR;  // unreadable configuration or certificate files
        }
        // One round trip now, so a wrong address or a refused certificate shows at
        // C_Initialize rather than at the first real call.
        v1::ServerInfoResponse info;
        const CK_RV rv = c->call(&v1::Pkcs11::Stub::ServerInfo, v1::Empty{}, info);
        if (rv != CKR_OK) return rv;
        c->held_inits().enable(info.held_back_inits() && c->hold_inits());
        c->attach();
        if (!install_connection(std::move(c))) return CKR_CRYPTOKI_ALREADY_INITIALIZED;
        return CKR_OK;
    });
}

CK_RV Finalize(CK_VOID_PTR pReserved) {
    return guard([&]() -> CK_RV {
        if (pReserved != nullptr) return CKR_ARGUMENTS_BAD;
        auto c = remove_connection();
        if (!c) return CKR_CRYPTOKI_NOT_INITIALIZED;
        // Best effort: the daemon also closes our sessions after its idle timeout.
        v1::RvResponse ignored;
        (void)c->call(&v1::Pkcs11::Stub::EndClient, v1::Empty{}, ignored);
        return CKR_OK;
    });
}

CK_RV GetInfo(CK_INFO_PTR pInfo) {
    return guard([&]() -> CK_RV {
        v1::InfoResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetInfo, v1::Empty{}, r);
        if (rv != CKR_OK) return rv;
        if (pInfo == nullptr) return CKR_ARGUMENTS_BAD;
        set_version(pInfo->cryptokiVersion, r.cryptoki_version());
        copy_field(pInfo->manufacturerID, r.manufacturer_id());
        pInfo->flags = static_cast<CK_FLAGS>(r.flags());
        copy_field(pInfo->libraryDescription, "Craton HSM remote module");
        set_version(pInfo->libraryVersion, r.library_version());
        return CKR_OK;
    });
}

CK_RV GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList, CK_ULONG_PTR pulCount) {
    return guard([&]() -> CK_RV {
        v1::SlotListRequest q;
        q.set_token_present(tokenPresent != CK_FALSE);
        v1::UlongListResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetSlotList, q, r);
        if (rv != CKR_OK) return rv;
        return write_list(r.values(), pSlotList, pulCount);
    });
}

CK_RV GetSlotInfo(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo) {
    return guard([&]() -> CK_RV {
        v1::SlotRequest q;
        q.set_slot(slotID);
        v1::SlotInfoResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetSlotInfo, q, r);
        if (rv != CKR_OK) return rv;
        if (pInfo == nullptr) return CKR_ARGUMENTS_BAD;
        copy_field(pInfo->slotDescription, r.slot_description());
        copy_field(pInfo->manufacturerID, r.manufacturer_id());
        pInfo->flags = static_cast<CK_FLAGS>(r.flags());
        set_version(pInfo->hardwareVersion, r.hardware_version());
        set_version(pInfo->firmwareVersion, r.firmware_version());
        return CKR_OK;
    });
}

CK_RV GetTokenInfo(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo) {
    return guard([&]() -> CK_RV {
        v1::SlotRequest q;
        q.set_slot(slotID);
        v1::TokenInfoResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetTokenInfo, q, r);
        if (rv != CKR_OK) return rv;
        if (pInfo == nullptr) return CKR_ARGUMENTS_BAD;
        copy_field(pInfo->label, r.label());
        copy_field(pInfo->manufacturerID, r.manufacturer_id());
        copy_field(pInfo->model, r.model());
        copy_field(pInfo->serialNumber, r.serial_number());
        pInfo->flags = static_cast<CK_FLAGS>(r.flags());
        pInfo->ulMaxSessionCount = static_cast<CK_ULONG>(r.max_session_count());
        pInfo->ulSessionCount = static_cast<CK_ULONG>(r.session_count());
        pInfo->ulMaxRwSessionCount = static_cast<CK_ULONG>(r.max_rw_session_count());
        pInfo->ulRwSessionCount = static_cast<CK_ULONG>(r.rw_session_count());
        pInfo->ulMaxPinLen = static_cast<CK_ULONG>(r.max_pin_len());
        pInfo->ulMinPinLen = static_cast<CK_ULONG>(r.min_pin_len());
        pInfo->ulTotalPublicMemory = static_cast<CK_ULONG>(r.total_public_memory());
        pInfo->ulFreePublicMemory = static_cast<CK_ULONG>(r.free_public_memory());
        pInfo->ulTotalPrivateMemory = static_cast<CK_ULONG>(r.total_private_memory());
        pInfo->ulFreePrivateMemory = static_cast<CK_ULONG>(r.free_private_memory());
        set_version(pInfo->hardwareVersion, r.hardware_version());
        set_version(pInfo->firmwareVersion, r.firmware_version());
        copy_field(pInfo->utcTime, r.utc_time());
        return CKR_OK;
    });
}

CK_RV GetMechanismList(CK_SLOT_ID slotID, CK_MECHANISM_TYPE_PTR pMechanismList,
                       CK_ULONG_PTR pulCount) {
    return guard([&]() -> CK_RV {
        v1::SlotRequest q;
        q.set_slot(slotID);
        v1::UlongListResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetMechanismList, q, r);
        if (rv != CKR_OK) return rv;
        return write_list(r.values(), pMechanismList, pulCount);
    });
}

CK_RV GetMechanismInfo(CK_SLOT_ID slotID, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR pInfo) {
    return guard([&]() -> CK_RV {
        v1::MechanismInfoRequest q;
        q.set_slot(slotID);
        q.set_mechanism(type);
        v1::MechanismInfoResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetMechanismInfo, q, r);
        if (rv != CKR_OK) return rv;
        if (pInfo == nullptr) return CKR_ARGUMENTS_BAD;
        pInfo->ulMinKeySize = static_cast<CK_ULONG>(r.min_key_size());
        pInfo->ulMaxKeySize = static_cast<CK_ULONG>(r.max_key_size());
        pInfo->flags = static_cast<CK_FLAGS>(r.flags());
        return CKR_OK;
    });
}

CK_RV InitToken(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen,
                CK_UTF8CHAR_PTR pLabel) {
    return guard([&]() -> CK_RV {
        if (pLabel == nullptr) return CKR_ARGUMENTS_BAD;
        v1::InitTokenRequest q;
        q.set_slot(slotID);
        PinField pin(q.mutable_so_pin(), pPin, ulPinLen);
        q.set_label(std::string(reinterpret_cast<const char*>(pLabel), 32));
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::InitToken, q, r);
    });
}

CK_RV InitPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen) {
    return guard([&]() -> CK_RV {
        v1::PinRequest q;
        q.set_session(hSession);
        PinField pin(q.mutable_pin(), pPin, ulPinLen);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::InitPIN, q, r);
    });
}

CK_RV SetPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen,
             CK_UTF8CHAR_PTR pNewPin, CK_ULONG ulNewLen) {
    return guard([&]() -> CK_RV {
        v1::SetPinRequest q;
        q.set_session(hSession);
        PinField old_pin(q.mutable_old_pin(), pOldPin, ulOldLen);
        PinField new_pin(q.mutable_new_pin(), pNewPin, ulNewLen);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::SetPIN, q, r);
    });
}

CK_RV OpenSession(CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication, CK_NOTIFY Notify,
                  CK_SESSION_HANDLE_PTR phSession) {
    // Notify callbacks cannot cross the network, and the module makes none.
    (void)pApplication;
    (void)Notify;
    return guard([&]() -> CK_RV {
        if (phSession == nullptr) return CKR_ARGUMENTS_BAD;
        v1::OpenSessionRequest q;
        q.set_slot(slotID);
        q.set_flags(flags);
        v1::ObjectResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::OpenSession, q, r);
        if (rv == CKR_OK) {
            *phSession = static_cast<CK_SESSION_HANDLE>(r.object());
            connection()->held_inits().opened(*phSession);
        }
        return rv;
    });
}

CK_RV CloseSession(CK_SESSION_HANDLE hSession) {
    return guard([&]() -> CK_RV {
        v1::SessionRequest q;
        q.set_session(hSession);
        v1::RvResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::CloseSession, q, r);
        connection()->held_inits().closed(hSession);
        return rv;
    });
}

CK_RV CloseAllSessions(CK_SLOT_ID slotID) {
    return guard([&]() -> CK_RV {
        v1::SlotRequest q;
        q.set_slot(slotID);
        v1::RvResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::CloseAllSessions, q, r);
        // Sessions are not known by slot here: every session's state is forgotten, and none
        // holds inits back again until it is reopened.
        connection()->held_inits().closed(CK_INVALID_HANDLE, true);
        return rv;
    });
}

CK_RV GetSessionInfo(CK_SESSION_HANDLE hSession, CK_SESSION_INFO_PTR pInfo) {
    return guard([&]() -> CK_RV {
        if (pInfo == nullptr) return CKR_ARGUMENTS_BAD;
        v1::SessionRequest q;
        q.set_session(hSession);
        v1::SessionInfoResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetSessionInfo, q, r);
        if (rv != CKR_OK) return rv;
        pInfo->slotID = static_cast<CK_SLOT_ID>(r.slot());
        pInfo->state = static_cast<CK_STATE>(r.state());
        pInfo->flags = static_cast<CK_FLAGS>(r.flags());
        pInfo->ulDeviceError = static_cast<CK_ULONG>(r.device_error());
        return CKR_OK;
    });
}

CK_RV Login(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin,
            CK_ULONG ulPinLen) {
    return guard([&]() -> CK_RV {
        v1::LoginRequest q;
        q.set_session(hSession);
        q.set_user_type(userType);
        PinField pin(q.mutable_pin(), pPin, ulPinLen);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::Login, q, r);
    });
}

CK_RV LoginUser(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin,
                CK_ULONG ulPinLen, CK_UTF8CHAR_PTR pUsername, CK_ULONG ulUsernameLen) {
    // The token has no named users and ignores the name, as the local module does.
    (void)input(pUsername, ulUsernameLen);
    return Login(hSession, userType, pPin, ulPinLen);
}

CK_RV Logout(CK_SESSION_HANDLE hSession) {
    return guard([&]() -> CK_RV {
        v1::SessionRequest q;
        q.set_session(hSession);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::Logout, q, r);
    });
}

CK_RV GetFunctionStatus(CK_SESSION_HANDLE) {
    return guard([&]() -> CK_RV {
        (void)connection();
        return CKR_FUNCTION_NOT_PARALLEL;  // legacy functions (PKCS#11 2.40 section 5.16)
    });
}

CK_RV CancelFunction(CK_SESSION_HANDLE) {
    return guard([&]() -> CK_RV {
        (void)connection();
        return CKR_FUNCTION_NOT_PARALLEL;
    });
}

CK_RV WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR, CK_VOID_PTR pReserved) {
    return guard([&]() -> CK_RV {
        (void)connection();
        if (pReserved != nullptr) return CKR_ARGUMENTS_BAD;
        // Software tokens have no insertion events (the local module answers the same).
        return (flags & CKF_DONT_BLOCK) != 0 ? CKR_NO_EVENT : CKR_FUNCTION_NOT_SUPPORTED;
    });
}

}  // namespace craton::remote
