// Fuzz target: the C ABI. A byte string is decoded into a sequence of up to 64 PKCS#11 calls on
// the real module (loaded with dlopen, as an application does) with arbitrary session, object
// and slot handles (live ones, stale ones, special values, random numbers), NULL or exactly
// sized buffers with honest or absurd lengths, attribute templates (fuzz_abi_args.h) and
// mechanism parameter blocks. The module must never crash, never read or write outside what the
// caller handed it (ASan), and never let an exception out (a C++ exception through the C ABI
// aborts the fuzzer).
//
// What the decoder does not do is lie about memory: a non-NULL pointer always comes with a
// length no larger than its buffer, since a module cannot defend against that and a crash
// there would be the caller's bug.
//
// The module is initialised once per process (C_Initialize runs the power-on self-tests, too
// slow to repeat per input); each input ends by closing every session, so inputs share only
// token state (initialised tokens, PINs, token objects), which the inputs themselves create.
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "fuzz_abi_args.h"

namespace craton::fuzz {
namespace {

struct Module {
    CK_FUNCTION_LIST_3_2* f = nullptr;
    std::vector<CK_MECHANISM_TYPE> mechanisms;
};

Module& module() {
    static Module m = [] {
        Module out;
        // A private configuration: fast PBKDF2 (the test floor) and no login backoff, so
        // inputs that log in run at fuzzing speed; two slots for cross-token handles.
        char dir[] = "/tmp/craton-fuzz-XXXXXX";
        if (mkdtemp(dir) == nullptr) std::abort();
        const std::string path = std::string(dir) + "/craton_hsm.toml";
        std::ofstream(path) << "[slots]\ncount = 2\n[security]\npbkdf2_iterations = 1000\n"
                               "login_backoff_base_ms = 0\nmax_failed_logins = 1000\n"
                               "[logging]\nlevel = \"error\"\n";
        setenv("CRATON_HSM_CONFIG", path.c_str(), 1);
        void* h = dlopen(CRATON_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
        if (h == nullptr) {
            std::fprintf(stderr, "dlopen: %s\n", dlerror());
            std::abort();
        }
        auto get = reinterpret_cast<CK_C_GetInterface>(dlsym(h, "C_GetInterface"));
        CK_INTERFACE* iface = nullptr;
        if (get == nullptr || get(nullptr, nullptr, &iface, 0) != CKR_OK) std::abort();
        out.f = static_cast<CK_FUNCTION_LIST_3_2*>(iface->pFunctionList);
        if (out.f->C_Initialize(nullptr) != CKR_OK) std::abort();
        CK_ULONG n = 0;
        out.f->C_GetMechanismList(0, nullptr, &n);
        out.mechanisms.resize(n);
        out.f->C_GetMechanismList(0, out.mechanisms.data(), &n);
        out.mechanisms.resize(n);
        return out;
    }();
    return m;
}

enum class Kind { Encrypt, Decrypt, Sign, Verify, Digest, VerifySignature, Count };

// One decoded call.
void step(Module& m, Calls& c) {
    CK_FUNCTION_LIST_3_2* f = m.f;
    FuzzInput& in = c.in;
    Arena a;
    // Every decision is read into a local before the call that uses it: the order in which a
    // compiler evaluates call arguments is unspecified, and a replay built with gcc must
    // decode an input exactly as the clang fuzzer did.
    const int op = in.byte() % 38;
    const CK_SESSION_HANDLE s = c.session();
    switch (op) {
        case 0: {
            CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
            const CK_SLOT_ID slot = c.slot();
            const CK_FLAGS flags = (in.byte() & 3) ? CKF_SERIAL_SESSION | CKF_RW_SESSION
                                                   : static_cast<CK_FLAGS>(in.u64());
            const bool out = (in.byte() & 7) != 0;
            if (f->C_OpenSession(slot, flags, nullptr, nullptr, out ? &h : nullptr) == CKR_OK) {
                c.sessions.push_back(h);
            }
            break;
        }
        case 1:
            f->C_CloseSession(s);
            break;
        case 2:
            f->C_CloseAllSessions(c.slot());
            break;
        case 3: {
            const CK_SLOT_ID slot = c.slot();
            const Buffer pin = c.pin(a);
            std::array<CK_UTF8CHAR, 32> label;
            label.fill(' ');
            f->C_InitToken(slot, pin.p, pin.len, (in.byte() & 7) ? label.data() : nullptr);
            break;
        }
        case 4: {
            const CK_USER_TYPE user = c.user_type();
            const Buffer pin = c.pin(a);
            f->C_Login(s, user, pin.p, pin.len);
            break;
        }
        case 5:
            f->C_Logout(s);
            break;
        case 6: {
            const Buffer pin = c.pin(a);
            f->C_InitPIN(s, pin.p, pin.len);
            break;
        }
        case 7: {
            const Buffer old_pin = c.pin(a);
            const Buffer new_pin = c.pin(a);
            f->C_SetPIN(s, old_pin.p, old_pin.len, new_pin.p, new_pin.len);
            break;
        }
        case 8: {
            const Tmpl t = c.tmpl(a);
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            if (f->C_CreateObject(s, t.p, t.count, (in.byte() & 7) ? &h : nullptr) == CKR_OK) {
                c.objects.push_back(h);
            }
            break;
        }
        case 9: {
            const CK_OBJECT_HANDLE src = c.object();
            const Tmpl t = c.tmpl(a);
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            if (f->C_CopyObject(s, src, t.p, t.count, &h) == CKR_OK) {
                c.objects.push_back(h);
            }
            break;
        }
        case 10:
            f->C_DestroyObject(s, c.object());
            break;
        case 11: {
            const CK_OBJECT_HANDLE o = c.object();
            const Tmpl t = c.out_tmpl(a);
            f->C_GetAttributeValue(s, o, t.p, t.count);
            break;
        }
        case 12: {
            const CK_OBJECT_HANDLE o = c.object();
            const Tmpl t = c.tmpl(a);
            f->C_SetAttributeValue(s, o, t.p, t.count);
            break;
        }
        case 13: {
            const Tmpl t = c.tmpl(a);
            f->C_FindObjectsInit(s, t.p, t.count);
            break;
        }
        case 14: {
            std::vector<CK_OBJECT_HANDLE> found(in.byte() % 8);
            CK_ULONG max = found.size();
            if ((in.byte() & 7) == 0) max = 0;
            CK_ULONG n = 0;
            f->C_FindObjects(s, found.empty() ? nullptr : found.data(), max,
                             (in.byte() & 7) ? &n : nullptr);
            for (CK_ULONG i = 0; i < n && i < found.size(); ++i) c.objects.push_back(found[i]);
            break;
        }
        case 15:
            f->C_FindObjectsFinal(s);
            break;
        case 16: {
            Mech mech = c.mechanism(a, m.mechanisms);
            const Tmpl t = c.tmpl(a);
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            if (f->C_GenerateKey(s, mech.ptr(), t.p, t.count, &h) == CKR_OK) {
                c.objects.push_back(h);
            }
            break;
        }
        case 17: {
            Mech mech = c.mechanism(a, m.mechanisms);
            const Tmpl pub = c.tmpl(a);
            const Tmpl priv = c.tmpl(a);
            CK_OBJECT_HANDLE hp = CK_INVALID_HANDLE, hs = CK_INVALID_HANDLE;
            if (f->C_GenerateKeyPair(s, mech.ptr(), pub.p, pub.count, priv.p, priv.count, &hp,
                                     &hs) == CKR_OK) {
                c.objects.push_back(hp);
                c.objects.push_back(hs);
            }
            break;
        }
        case 18:
        case 19: {  // *Init of one kind
            Mech mech = c.mechanism(a, m.mechanisms);
            const CK_OBJECT_HANDLE key = c.object();
            switch (static_cast<Kind>(in.byte() % static_cast<int>(Kind::Count))) {
                case Kind::Encrypt:
                    f->C_EncryptInit(s, mech.ptr(), key);
                    break;
                case Kind::Decrypt:
                    f->C_DecryptInit(s, mech.ptr(), key);
                    break;
                case Kind::Sign:
                    f->C_SignInit(s, mech.ptr(), key);
                    break;
                case Kind::Verify:
                    f->C_VerifyInit(s, mech.ptr(), key);
                    break;
                case Kind::Digest:
                    f->C_DigestInit(s, mech.ptr());
                    break;
                default: {
                    const Buffer sig = c.input(a);
                    f->C_VerifySignatureInit(s, mech.ptr(), key, sig.p, sig.len);
                    break;
                }
            }
            break;
        }
        case 20:
        case 21: {  // single-part step
            const Buffer data = c.input(a);
            Output out = c.output(a);
            switch (static_cast<Kind>(in.byte() % static_cast<int>(Kind::Count))) {
                case Kind::Encrypt:
                    f->C_Encrypt(s, data.p, data.len, out.p, out.len_ptr());
                    break;
                case Kind::Decrypt:
                    f->C_Decrypt(s, data.p, data.len, out.p, out.len_ptr());
                    break;
                case Kind::Sign:
                    f->C_Sign(s, data.p, data.len, out.p, out.len_ptr());
                    break;
                case Kind::Verify: {
                    const Buffer sig = c.input(a);
                    f->C_Verify(s, data.p, data.len, sig.p, sig.len);
                    break;
                }
                case Kind::Digest:
                    f->C_Digest(s, data.p, data.len, out.p, out.len_ptr());
                    break;
                default:
                    f->C_VerifySignature(s, data.p, data.len);
                    break;
            }
            break;
        }
        case 22:
        case 23: {  // update
            const Buffer data = c.input(a);
            Output out = c.output(a);
            switch (static_cast<Kind>(in.byte() % static_cast<int>(Kind::Count))) {
                case Kind::Encrypt:
                    f->C_EncryptUpdate(s, data.p, data.len, out.p, out.len_ptr());
                    break;
                case Kind::Decrypt:
                    f->C_DecryptUpdate(s, data.p, data.len, out.p, out.len_ptr());
                    break;
                case Kind::Sign:
                    f->C_SignUpdate(s, data.p, data.len);
                    break;
                case Kind::Verify:
                    f->C_VerifyUpdate(s, data.p, data.len);
                    break;
                case Kind::Digest:
                    f->C_DigestUpdate(s, data.p, data.len);
                    break;
                default:
                    f->C_VerifySignatureUpdate(s, data.p, data.len);
                    break;
            }
            break;
        }
        case 24: {  // final
            Output out = c.output(a);
            switch (static_cast<Kind>(in.byte() % static_cast<int>(Kind::Count))) {
                case Kind::Encrypt:
                    f->C_EncryptFinal(s, out.p, out.len_ptr());
                    break;
                case Kind::Decrypt:
                    f->C_DecryptFinal(s, out.p, out.len_ptr());
                    break;
                case Kind::Sign:
                    f->C_SignFinal(s, out.p, out.len_ptr());
                    break;
                case Kind::Verify: {
                    const Buffer sig = c.input(a);
                    f->C_VerifyFinal(s, sig.p, sig.len);
                    break;
                }
                case Kind::Digest:
                    f->C_DigestFinal(s, out.p, out.len_ptr());
                    break;
                default:
                    f->C_VerifySignatureFinal(s);
                    break;
            }
            break;
        }
        case 25: {
            Mech mech = c.mechanism(a, m.mechanisms);
            const CK_OBJECT_HANDLE wrapping = c.object();
            const CK_OBJECT_HANDLE key = c.object();
            Output out = c.output(a);
            f->C_WrapKey(s, mech.ptr(), wrapping, key, out.p, out.len_ptr());
            break;
        }
        case 26: {
            Mech mech = c.mechanism(a, m.mechanisms);
            const CK_OBJECT_HANDLE unwrapping = c.object();
            const Buffer wrapped = c.input(a);
            const Tmpl t = c.tmpl(a);
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            if (f->C_UnwrapKey(s, mech.ptr(), unwrapping, wrapped.p, wrapped.len, t.p, t.count,
                               &h) == CKR_OK) {
                c.objects.push_back(h);
            }
            break;
        }
        case 27: {
            Mech mech = c.mechanism(a, m.mechanisms);
            const CK_OBJECT_HANDLE base = c.object();
            const Tmpl t = c.tmpl(a);
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            if (f->C_DeriveKey(s, mech.ptr(), base, t.p, t.count, &h) == CKR_OK) {
                c.objects.push_back(h);
            }
            break;
        }
        case 28: {
            Output out = c.output(a);
            // C_GenerateRandom's length is the buffer's own.
            f->C_GenerateRandom(s, out.p, out.p == nullptr ? in.byte() : out.capacity);
            const Buffer seed = c.input(a);
            f->C_SeedRandom(s, seed.p, seed.len);
            break;
        }
        case 29: {
            CK_SESSION_INFO si;
            f->C_GetSessionInfo(s, (in.byte() & 7) ? &si : nullptr);
            CK_ULONG size = 0;
            const CK_OBJECT_HANDLE o = c.object();
            f->C_GetObjectSize(s, o, (in.byte() & 7) ? &size : nullptr);
            CK_TOKEN_INFO ti;
            const CK_SLOT_ID slot = c.slot();
            f->C_GetTokenInfo(slot, &ti);
            CK_MECHANISM_INFO mi;
            const CK_MECHANISM_TYPE type = c.mechanism_type(m.mechanisms);
            f->C_GetMechanismInfo(slot, type, &mi);
            break;
        }
        case 30:
            f->C_SessionCancel(s, static_cast<CK_FLAGS>(in.u64()));
            break;
        case 31:
            f->C_DigestKey(s, c.object());
            break;
        case 32: {
            Mech mech = c.mechanism(a, m.mechanisms);
            const CK_OBJECT_HANDLE key = c.object();
            const Tmpl t = c.tmpl(a);
            Output ct = c.output(a);
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            if (f->C_EncapsulateKey(s, mech.ptr(), key, t.p, t.count, ct.p, ct.len_ptr(), &h) ==
                CKR_OK) {
                c.objects.push_back(h);
            }
            break;
        }
        case 34: {  // message-based *Init of one kind
            Mech mech = c.mechanism(a, m.mechanisms);
            const CK_OBJECT_HANDLE key = c.object();
            switch (in.byte() % 4) {
                case 0:
                    f->C_MessageEncryptInit(s, mech.ptr(), key);
                    break;
                case 1:
                    f->C_MessageDecryptInit(s, mech.ptr(), key);
                    break;
                case 2:
                    f->C_MessageSignInit(s, mech.ptr(), key);
                    break;
                default:
                    f->C_MessageVerifyInit(s, mech.ptr(), key);
                    break;
            }
            break;
        }
        case 35: {  // one whole message
            const Buffer param = c.message_param(a);
            const Buffer aad = c.input(a);
            const Buffer data = c.input(a);
            Output out = c.output(a);
            switch (in.byte() % 4) {
                case 0:
                    f->C_EncryptMessage(s, param.p, param.len, aad.p, aad.len, data.p, data.len,
                                        out.p, out.len_ptr());
                    break;
                case 1:
                    f->C_DecryptMessage(s, param.p, param.len, aad.p, aad.len, data.p, data.len,
                                        out.p, out.len_ptr());
                    break;
                case 2:
                    f->C_SignMessage(s, param.p, param.len, data.p, data.len, out.p, out.len_ptr());
                    break;
                default:
                    f->C_VerifyMessage(s, param.p, param.len, data.p, data.len, aad.p, aad.len);
                    break;
            }
            break;
        }
        case 36: {  // a message in parts
            const Buffer param = c.message_param(a);
            const Buffer data = c.input(a);
            Output out = c.output(a);
            const CK_FLAGS flags = (in.byte() & 1) ? CKF_END_OF_MESSAGE : 0;
            switch (in.byte() % 8) {
                case 0:
                    f->C_EncryptMessageBegin(s, param.p, param.len, data.p, data.len);
                    break;
                case 1:
                    f->C_DecryptMessageBegin(s, param.p, param.len, data.p, data.len);
                    break;
                case 2:
                    f->C_SignMessageBegin(s, param.p, param.len);
                    break;
                case 3:
                    f->C_VerifyMessageBegin(s, param.p, param.len);
                    break;
                case 4:
                    f->C_EncryptMessageNext(s, param.p, param.len, data.p, data.len, out.p,
                                            out.len_ptr(), flags);
                    break;
                case 5:
                    f->C_DecryptMessageNext(s, param.p, param.len, data.p, data.len, out.p,
                                            out.len_ptr(), flags);
                    break;
                case 6:
                    // A NULL length word marks a part that does not end the message.
                    f->C_SignMessageNext(s, param.p, param.len, data.p, data.len, out.p,
                                         flags != 0 ? out.len_ptr() : nullptr);
                    break;
                default: {
                    const Buffer sig = flags != 0 ? c.input(a) : Buffer{};
                    f->C_VerifyMessageNext(s, param.p, param.len, data.p, data.len, sig.p, sig.len);
                    break;
                }
            }
            break;
        }
        case 37: {
            switch (in.byte() % 4) {
                case 0:
                    f->C_MessageEncryptFinal(s);
                    break;
                case 1:
                    f->C_MessageDecryptFinal(s);
                    break;
                case 2:
                    f->C_MessageSignFinal(s);
                    break;
                default:
                    f->C_MessageVerifyFinal(s);
                    break;
            }
            break;
        }
        default: {
            Mech mech = c.mechanism(a, m.mechanisms);
            const CK_OBJECT_HANDLE key = c.object();
            const Tmpl t = c.tmpl(a);
            const Buffer ct = c.input(a);
            CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
            if (f->C_DecapsulateKey(s, mech.ptr(), key, t.p, t.count, ct.p, ct.len, &h) == CKR_OK) {
                c.objects.push_back(h);
            }
            break;
        }
    }
}

}  // namespace
}  // namespace craton::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace craton::fuzz;
    Module& m = module();
    Calls calls(data, size);
    for (int i = 0; i < 64 && !calls.in.empty(); ++i) step(m, calls);
    // Leave no sessions (and so no login) behind for the next input.
    m.f->C_CloseAllSessions(0);
    m.f->C_CloseAllSessions(1);
    return 0;
}
