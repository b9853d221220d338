// One registration function per algorithm family file; registry.cpp calls them all. Calling
// them explicitly (not static initialisers) keeps every family linked from the static library.
#pragma once

namespace craton::acvp {

class Registry;

void register_aes_block(Registry& r);  // aes_block.cpp: AES-ECB, AES-CBC (AFT, MCT), AES-CTR
void register_aes_gcm(Registry& r);    // aes_gcm.cpp
void register_aes_kw(Registry& r);     // aes_kw.cpp: AES-KW, AES-KWP
void register_sha(Registry& r);        // sha.cpp: SHA2-*, SHA3-* (AFT, MCT, LDT)
void register_shake(Registry& r);      // shake.cpp: SHAKE-128/256 (AFT, VOT, MCT)
void register_hmac(Registry& r);       // hmac.cpp
void register_drbg(Registry& r);       // drbg.cpp: hmacDRBG
void register_kdf(Registry& r);        // kdf.cpp: PBKDF, HKDF
void register_mlkem(Registry& r);      // mlkem.cpp
void register_mldsa(Registry& r);      // mldsa.cpp
void register_slhdsa(Registry& r);     // slhdsa.cpp
void register_ecdsa(Registry& r);      // ecdsa.cpp
void register_eddsa(Registry& r);      // eddsa.cpp
void register_rsa(Registry& r);        // rsa.cpp

}  // namespace craton::acvp
