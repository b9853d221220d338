// The module's state between C_Initialize and C_Finalize, and the core API the C ABI calls.
//
// Hsm owns the configuration, the slots with their tokens and objects, and the session table.
// Its methods mirror the PKCS#11 functions but take checked C++ arguments (templates already
// copied, PINs as byte views) and throw Pkcs11Error; the ABI layer only marshals. The methods
// are implemented by concern in hsm_*.cpp.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "audit/audit_log.h"
#include "config/config.h"
#include "core/output_buffer.h"
#include "core/session_table.h"
#include "core/slot_table.h"
#include "core/template.h"

namespace craton {

class Hsm {
public:
    explicit Hsm(config::Config config);
    ~Hsm();
    Hsm(const Hsm&) = delete;
    Hsm& operator=(const Hsm&) = delete;

    const config::Config& config() const noexcept { return config_; }
    // The audit log, or null when [audit] path is unset (core/audit_call.h writes to it).
    audit::AuditLog* audit_log() const noexcept { return audit_.get(); }

    // Slots, tokens, mechanisms (hsm_slots.cpp)
    std::vector<CK_SLOT_ID> slot_list() const { return slots_.ids(); }
    void slot_info(CK_SLOT_ID slot, CK_SLOT_INFO& info) const;
    void token_info(CK_SLOT_ID slot, CK_TOKEN_INFO& info) const;
    std::vector<CK_MECHANISM_TYPE> mechanism_list(CK_SLOT_ID slot) const;
    void mechanism_info(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO& info) const;
    void init_token(CK_SLOT_ID slot, ByteView so_pin, const std::array<char, 32>& label);

    // Sessions and authentication (hsm_sessions.cpp)
    CK_SESSION_HANDLE open_session(CK_SLOT_ID slot, CK_FLAGS flags);
    void close_session(CK_SESSION_HANDLE handle);
    void close_all_sessions(CK_SLOT_ID slot);
    void session_info(CK_SESSION_HANDLE handle, CK_SESSION_INFO& info) const;
    void login(CK_SESSION_HANDLE handle, CK_USER_TYPE user, ByteView pin);
    void logout(CK_SESSION_HANDLE handle);
    void init_pin(CK_SESSION_HANDLE handle, ByteView pin);
    void set_pin(CK_SESSION_HANDLE handle, ByteView old_pin, ByteView new_pin);
    void session_cancel(CK_SESSION_HANDLE handle, CK_FLAGS flags);

    // Objects (hsm_objects.cpp)
    CK_OBJECT_HANDLE create_object(CK_SESSION_HANDLE handle, const Template& tmpl);
    CK_OBJECT_HANDLE copy_object(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object,
                                 const Template& tmpl);
    void destroy_object(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object);
    CK_ULONG object_size(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object);
    CK_RV get_attributes(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object, CK_ATTRIBUTE* attrs,
                         CK_ULONG count);
    void set_attributes(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object, const Template& tmpl);
    void find_init(CK_SESSION_HANDLE handle, const Template& tmpl);
    CK_ULONG find(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE* out, CK_ULONG max);
    void find_final(CK_SESSION_HANDLE handle);

    // Digest and random (hsm_digest.cpp)
    void digest_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism);
    void digest(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out);
    void digest_update(CK_SESSION_HANDLE handle, ByteView data);
    void digest_key(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE key);
    void digest_final(CK_SESSION_HANDLE handle, OutputBuffer out);
    void generate_random(CK_SESSION_HANDLE handle, std::span<std::uint8_t> out);
    void seed_random(CK_SESSION_HANDLE handle, ByteView seed);

    // Signing, verification, encryption, decryption (hsm_crypto.cpp)
    void sign_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism, CK_OBJECT_HANDLE key);
    void sign(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out);
    void sign_update(CK_SESSION_HANDLE handle, ByteView data);
    void sign_final(CK_SESSION_HANDLE handle, OutputBuffer out);
    void verify_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                     CK_OBJECT_HANDLE key);
    void verify(CK_SESSION_HANDLE handle, ByteView data, ByteView signature);
    void verify_update(CK_SESSION_HANDLE handle, ByteView data);
    void verify_final(CK_SESSION_HANDLE handle, ByteView signature);
    void encrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                      CK_OBJECT_HANDLE key);
    void encrypt(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out);
    void encrypt_update(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out);
    void encrypt_final(CK_SESSION_HANDLE handle, OutputBuffer out);
    void decrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                      CK_OBJECT_HANDLE key);
    void decrypt(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out);
    void decrypt_update(CK_SESSION_HANDLE handle, ByteView data, OutputBuffer out);
    void decrypt_final(CK_SESSION_HANDLE handle, OutputBuffer out);

    // Message-based signing and verification (init in hsm_crypto.cpp, the rest in
    // hsm_message_sign.cpp). `parameter` is the per-message parameter, which no supported
    // mechanism takes (it must be NULL). A NULL `signature_len` in sign_message_next marks a
    // part that does not end the message; so does a NULL `signature` in verify_message_next.
    void message_sign_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                           CK_OBJECT_HANDLE key);
    void sign_message(CK_SESSION_HANDLE handle, const void* parameter, CK_ULONG parameter_len,
                      ByteView data, OutputBuffer out);
    void sign_message_begin(CK_SESSION_HANDLE handle, const void* parameter,
                            CK_ULONG parameter_len);
    void sign_message_next(CK_SESSION_HANDLE handle, const void* parameter,
                           CK_ULONG parameter_len, ByteView data, CK_BYTE_PTR signature,
                           CK_ULONG_PTR signature_len);
    void message_sign_final(CK_SESSION_HANDLE handle);
    void message_verify_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                             CK_OBJECT_HANDLE key);
    void verify_message(CK_SESSION_HANDLE handle, const void* parameter, CK_ULONG parameter_len,
                        ByteView data, ByteView signature);
    void verify_message_begin(CK_SESSION_HANDLE handle, const void* parameter,
                              CK_ULONG parameter_len);
    void verify_message_next(CK_SESSION_HANDLE handle, const void* parameter,
                             CK_ULONG parameter_len, ByteView data,
                             std::optional<ByteView> signature);
    void message_verify_final(CK_SESSION_HANDLE handle);

    // Dual-function updates (hsm_dual.cpp): one input feeds two active operations.
    enum class DualUpdate { DigestEncrypt, SignEncrypt, DecryptDigest, DecryptVerify };
    void dual_update(CK_SESSION_HANDLE handle, DualUpdate which, ByteView in, OutputBuffer out);

    // Message-based encryption (hsm_message.cpp)
    // `parameter` is the caller's per-message block: read, and written where the mechanism
    // reports back (generated IV, tag). An error ends the current message, not the operation.
    void message_encrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                              CK_OBJECT_HANDLE key);
    void encrypt_message(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                         ByteView aad, ByteView plaintext, OutputBuffer out);
    void encrypt_message_begin(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                               ByteView aad);
    void encrypt_message_next(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                              ByteView part, OutputBuffer out, CK_FLAGS flags);
    void message_encrypt_final(CK_SESSION_HANDLE handle);
    void message_decrypt_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                              CK_OBJECT_HANDLE key);
    void decrypt_message(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                         ByteView aad, ByteView ciphertext, OutputBuffer out);
    void decrypt_message_begin(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                               ByteView aad);
    void decrypt_message_next(CK_SESSION_HANDLE handle, void* parameter, CK_ULONG parameter_len,
                              ByteView part, OutputBuffer out, CK_FLAGS flags);
    void message_decrypt_final(CK_SESSION_HANDLE handle);

    // Key generation, wrapping, derivation (hsm_keys.cpp)
    CK_OBJECT_HANDLE generate_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                  const Template& tmpl);
    std::pair<CK_OBJECT_HANDLE, CK_OBJECT_HANDLE> generate_key_pair(
        CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism, const Template& pub_tmpl,
        const Template& priv_tmpl);
    void wrap_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                  CK_OBJECT_HANDLE wrapping_key, CK_OBJECT_HANDLE key, OutputBuffer out);
    CK_OBJECT_HANDLE unwrap_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                CK_OBJECT_HANDLE unwrapping_key, ByteView wrapped,
                                const Template& tmpl);
    CK_OBJECT_HANDLE derive_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                CK_OBJECT_HANDLE base_key, const Template& tmpl);

    // Key encapsulation, PKCS#11 3.2 (hsm_kem.cpp)
    // A length query (NULL ciphertext buffer) or a short buffer creates no key and returns
    // CK_INVALID_HANDLE / throws CKR_BUFFER_TOO_SMALL.
    CK_OBJECT_HANDLE encapsulate_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                     CK_OBJECT_HANDLE public_key, const Template& tmpl,
                                     OutputBuffer ciphertext);
    CK_OBJECT_HANDLE decapsulate_key(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                                     CK_OBJECT_HANDLE private_key, const Template& tmpl,
                                     ByteView ciphertext);
    // Verification with the signature supplied at init, PKCS#11 3.2 (hsm_verify_signature.cpp)
    void verify_signature_init(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism,
                               CK_OBJECT_HANDLE key, ByteView signature);
    void verify_signature(CK_SESSION_HANDLE handle, ByteView data);
    void verify_signature_update(CK_SESSION_HANDLE handle, ByteView data);
    void verify_signature_final(CK_SESSION_HANDLE handle);

    // Shared helpers for the crypto services.
    SessionPtr session(CK_SESSION_HANDLE handle) const { return sessions_.get(handle); }
    // The object if it exists and this session may see it; else CKR_OBJECT_HANDLE_INVALID.
    ObjectPtr visible_object(const Session& session, CK_OBJECT_HANDLE handle) const;
    // Same, but a missing key is CKR_KEY_HANDLE_INVALID (the *Init functions' code).
    ObjectPtr visible_key(const Session& session, CK_OBJECT_HANDLE handle) const;
    static bool can_see(const Session& session, const Object& obj);
    // Checks that `session` may create an object with these CKA_TOKEN/CKA_PRIVATE values.
    static void check_may_create(const Session& session, bool token, bool priv);
    // Assigns a handle and stores a new object in the session's token.
    CK_OBJECT_HANDLE store_new_object(Session& session, const ObjectPtr& obj);
    CK_OBJECT_HANDLE next_object_handle() noexcept { return next_object_.fetch_add(1); }
    // Brings the token's objects up to date with its store: loads them on first use and
    // again when another process committed changes. Handles of surviving objects are kept.
    void sync_token(Token& token);

private:
    void end_sessions(std::vector<SessionPtr> sessions);
    void destroy_session_objects(Session& session);

    config::Config config_;
    std::unique_ptr<audit::AuditLog> audit_;
    SlotTable slots_;
    SessionTable sessions_;
    std::atomic<CK_OBJECT_HANDLE> next_object_{1};
};

}  // namespace craton
