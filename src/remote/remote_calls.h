// The PKCS#11 functions the remote module implements by RPC. Each is declared with the exact
// type of its function-table slot (CK_C_<name>), so the table in function_table.cpp cannot
// drift from the specification's signatures. Slots not listed here return
// CKR_FUNCTION_NOT_SUPPORTED (docs/remote.md lists them).
#pragma once

#include <type_traits>

#include <craton/pkcs11/pkcs11.h>

#define CRATON_REMOTE_CALLS(X) \
    X(Initialize)              \
    X(Finalize)                \
    X(GetInfo)                 \
    X(GetSlotList)             \
    X(GetSlotInfo)             \
    X(GetTokenInfo)            \
    X(GetMechanismList)        \
    X(GetMechanismInfo)        \
    X(InitToken)               \
    X(InitPIN)                 \
    X(SetPIN)                  \
    X(OpenSession)             \
    X(CloseSession)            \
    X(CloseAllSessions)        \
    X(GetSessionInfo)          \
    X(Login)                   \
    X(LoginUser)               \
    X(Logout)                  \
    X(GetFunctionStatus)       \
    X(CancelFunction)          \
    X(WaitForSlotEvent)        \
    X(CreateObject)            \
    X(CopyObject)              \
    X(DestroyObject)           \
    X(GetObjectSize)           \
    X(GetAttributeValue)       \
    X(SetAttributeValue)       \
    X(FindObjectsInit)         \
    X(FindObjects)             \
    X(FindObjectsFinal)        \
    X(EncryptInit)             \
    X(Encrypt)                 \
    X(EncryptUpdate)           \
    X(EncryptFinal)            \
    X(DecryptInit)             \
    X(Decrypt)                 \
    X(DecryptUpdate)           \
    X(DecryptFinal)            \
    X(DigestInit)              \
    X(Digest)                  \
    X(DigestUpdate)            \
    X(DigestKey)               \
    X(DigestFinal)             \
    X(SignInit)                \
    X(Sign)                    \
    X(SignUpdate)              \
    X(SignFinal)               \
    X(VerifyInit)              \
    X(Verify)                  \
    X(VerifyUpdate)            \
    X(VerifyFinal)             \
    X(GenerateKey)             \
    X(GenerateKeyPair)         \
    X(WrapKey)                 \
    X(UnwrapKey)               \
    X(DeriveKey)               \
    X(SeedRandom)              \
    X(GenerateRandom)          \
    X(EncapsulateKey)          \
    X(DecapsulateKey)          \
    X(VerifySignatureInit)     \
    X(VerifySignature)         \
    X(VerifySignatureUpdate)   \
    X(VerifySignatureFinal)    \
    X(MessageEncryptInit)      \
    X(EncryptMessage)          \
    X(EncryptMessageBegin)     \
    X(EncryptMessageNext)      \
    X(MessageEncryptFinal)     \
    X(MessageDecryptInit)      \
    X(DecryptMessage)          \
    X(DecryptMessageBegin)     \
    X(DecryptMessageNext)      \
    X(MessageDecryptFinal)     \
    X(MessageSignInit)         \
    X(SignMessage)             \
    X(SignMessageBegin)        \
    X(SignMessageNext)         \
    X(MessageSignFinal)        \
    X(MessageVerifyInit)       \
    X(VerifyMessage)           \
    X(VerifyMessageBegin)      \
    X(VerifyMessageNext)       \
    X(MessageVerifyFinal)      \
    X(SessionCancel)           \
    X(DigestEncryptUpdate)     \
    X(DecryptDigestUpdate)     \
    X(SignEncryptUpdate)       \
    X(DecryptVerifyUpdate)

namespace craton::remote {

#define CRATON_REMOTE_DECLARE(name) std::remove_pointer_t<CK_C_##name> name;
CRATON_REMOTE_CALLS(CRATON_REMOTE_DECLARE)
#undef CRATON_REMOTE_DECLARE

}  // namespace craton::remote
