// craton-hsm-demo: the walk-through `make run` performs against the built module.
//
// It loads libcraton_hsm.so the way an application does (dlopen + C_GetInterface), initialises
// a token on the in-memory default, logs in, and exercises what the module offers, printing
// each step and its result code. A non-zero exit means a step failed.
#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <craton/pkcs11/pkcs11.h>

namespace {

int g_failures = 0;

bool step(const char* what, CK_RV rv) {
    std::printf("  %-44s %s (0x%lx)\n", what, rv == CKR_OK ? "ok" : "FAILED", rv);
    if (rv != CKR_OK) ++g_failures;
    return rv == CKR_OK;
}

std::string hex(const unsigned char* p, std::size_t n) {
    static const char* d = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        s += d[p[i] >> 4];
        s += d[p[i] & 15];
    }
    return s;
}

CK_UTF8CHAR_PTR utf8(const char* s) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(s));
}

}  // namespace

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "./libcraton_hsm.so";
    void* lib = dlopen(path, RTLD_NOW);
    if (lib == nullptr) {
        std::fprintf(stderr, "cannot load %s: %s\n", path, dlerror());
        return 2;
    }
    auto get_interface = reinterpret_cast<CK_C_GetInterface>(dlsym(lib, "C_GetInterface"));
    CK_INTERFACE* iface = nullptr;
    if (get_interface == nullptr || get_interface(nullptr, nullptr, &iface, 0) != CKR_OK) {
        std::fprintf(stderr, "no PKCS#11 interface in %s\n", path);
        return 2;
    }
    auto* p11 = static_cast<CK_FUNCTION_LIST_3_0*>(iface->pFunctionList);
    std::printf("Craton HSM demo: %s, interface \"%s\" %d.%d\n", path,
                reinterpret_cast<const char*>(iface->pInterfaceName), p11->version.major,
                p11->version.minor);

    step("C_Initialize", p11->C_Initialize(nullptr));
    CK_INFO info;
    if (step("C_GetInfo", p11->C_GetInfo(&info))) {
        std::printf("    cryptoki %d.%d, %.32s\n", info.cryptokiVersion.major,
                    info.cryptokiVersion.minor, info.manufacturerID);
    }
    CK_ULONG nslots = 0;
    step("C_GetSlotList", p11->C_GetSlotList(CK_TRUE, nullptr, &nslots));
    std::printf("    %lu slot(s)\n", nslots);

    const char* so_pin = "demo-so-pin";
    const char* user_pin = "demo-user-pin";
    CK_UTF8CHAR label[32];
    std::memset(label, ' ', sizeof label);
    std::memcpy(label, "demo", 4);
    step("C_InitToken (slot 0)", p11->C_InitToken(0, utf8(so_pin), std::strlen(so_pin), label));

    CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
    step("C_OpenSession (R/W)",
         p11->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s));
    step("C_Login (SO)", p11->C_Login(s, CKU_SO, utf8(so_pin), std::strlen(so_pin)));
    step("C_InitPIN", p11->C_InitPIN(s, utf8(user_pin), std::strlen(user_pin)));
    step("C_Logout", p11->C_Logout(s));
    step("C_Login (user)", p11->C_Login(s, CKU_USER, utf8(user_pin), std::strlen(user_pin)));

    CK_MECHANISM sha256{CKM_SHA256, nullptr, 0};
    const char* msg = "abc";
    unsigned char digest[32];
    CK_ULONG dlen = sizeof digest;
    step("C_DigestInit (SHA-256)", p11->C_DigestInit(s, &sha256));
    if (step("C_Digest(\"abc\")", p11->C_Digest(s, reinterpret_cast<CK_BYTE_PTR>(const_cast<char*>(msg)),
                                                 3, digest, &dlen))) {
        std::printf("    %s\n", hex(digest, dlen).c_str());
    }

    unsigned char rnd[16];
    if (step("C_GenerateRandom (16 bytes)", p11->C_GenerateRandom(s, rnd, sizeof rnd))) {
        std::printf("    %s\n", hex(rnd, sizeof rnd).c_str());
    }

    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_BBOOL yes = CK_TRUE;
    char app[] = "demo";
    char value[] = "stored inside the token";
    CK_ATTRIBUTE data_tmpl[] = {{CKA_CLASS, &cls, sizeof cls},
                                {CKA_PRIVATE, &yes, sizeof yes},
                                {CKA_APPLICATION, app, sizeof app - 1},
                                {CKA_VALUE, value, sizeof value - 1}};
    CK_OBJECT_HANDLE obj = CK_INVALID_HANDLE;
    step("C_CreateObject (private data object)", p11->C_CreateObject(s, data_tmpl, 4, &obj));
    step("C_FindObjectsInit (class = data)", p11->C_FindObjectsInit(s, data_tmpl, 1));
    CK_OBJECT_HANDLE found[8];
    CK_ULONG nfound = 0;
    step("C_FindObjects", p11->C_FindObjects(s, found, 8, &nfound));
    std::printf("    %lu object(s) found\n", nfound);
    step("C_FindObjectsFinal", p11->C_FindObjectsFinal(s));

    CK_ULONG nmech = 0;
    step("C_GetMechanismList", p11->C_GetMechanismList(0, nullptr, &nmech));
    std::printf("    %lu mechanism(s)\n", nmech);

    step("C_Logout", p11->C_Logout(s));
    step("C_CloseSession", p11->C_CloseSession(s));
    step("C_Finalize", p11->C_Finalize(nullptr));
    std::printf("%s\n", g_failures == 0 ? "demo completed" : "demo had failures");
    return g_failures == 0 ? 0 : 1;
}
