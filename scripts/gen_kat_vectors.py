#!/usr/bin/env python3
"""Generates src/selftest/kat_vectors.inc, the expected values of the power-on self-tests.

Every value comes from a published test vector, never from running the module:
  * cases taken from the NIST ACVP and Wycheproof files in ../shared/vectors are copied by
    (file, tgId/tcId) so anyone can re-derive them;
  * the few literal vectors (FIPS 180-4 / FIPS 202 "abc" examples, RFC 4231, RFC 8032 secret
    key) are written out below with their citation and checked against Python's hashlib/hmac
    (an implementation independent of this module) to catch transcription errors;
  * large outputs (ML-KEM keys and ciphertext, ML-DSA public key and signature, SLH-DSA
    signature) are stored as SHA-256 digests of the published bytes, computed here.

Usage: gen_kat_vectors.py [--check] [--vectors DIR]
  --check   compare with the committed file instead of writing it (a ctest runs this).
"""
import argparse
import hashlib
import hmac
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "selftest", "kat_vectors.inc")


class Vectors:
    def __init__(self, base):
        self.base = base
        self.cache = {}

    def load(self, rel):
        if rel not in self.cache:
            with open(os.path.join(self.base, rel)) as f:
                self.cache[rel] = json.load(f)
        return self.cache[rel]

    def acvp(self, folder, file, tg, tc):
        doc = self.load(f"acvp/{folder}/{file}.json")
        for g in doc["testGroups"]:
            if g["tgId"] == tg:
                for t in g["tests"]:
                    if t["tcId"] == tc:
                        return g, t
        raise KeyError(f"{folder}/{file} tgId {tg} tcId {tc}")

    def wycheproof(self, name, tc):
        doc = self.load(f"wycheproof/{name}")
        for g in doc["testGroups"]:
            for t in g["tests"]:
                if t["tcId"] == tc:
                    return g, t
        raise KeyError(f"{name} tcId {tc}")


def sha256_hex(hex_value):
    return hashlib.sha256(bytes.fromhex(hex_value)).hexdigest()


class Writer:
    def __init__(self):
        self.lines = []

    def comment(self, text):
        for line in text.strip().splitlines():
            self.lines.append(f"// {line}".rstrip())

    def hex(self, name, value):
        value = value.lower()
        assert len(value) % 2 == 0, name
        line = f'inline constexpr std::string_view {name} = "{value}";'
        if len(line) <= 100:
            self.lines.append(line)
            return
        self.lines.append(f"inline constexpr std::string_view {name} =")
        chunks = [value[i:i + 88] for i in range(0, len(value), 88)]
        for i, c in enumerate(chunks):
            end = ";" if i == len(chunks) - 1 else ""
            self.lines.append(f'    "{c}"{end}')

    def blank(self):
        self.lines.append("")


def generate(v):
    w = Writer()

    # --- Digests: FIPS 180-4 / FIPS 202 example "abc" (NIST CSRC "Examples with intermediate
    # values"); transcription checked with hashlib.
    abc = b"abc".hex()
    digests = {
        "Sha1": ("sha1", "a9993e364706816aba3e25717850c26c9cd0d89d", "FIPS 180-4 example SHA1 'abc'"),
        "Sha256": ("sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                   "FIPS 180-4 example SHA256 'abc'"),
        "Sha384": ("sha384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                   "8086072ba1e7cc2358baeca134c825a7", "FIPS 180-4 example SHA384 'abc'"),
        "Sha512": ("sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                   "FIPS 180-4 example SHA512 'abc'"),
        "Sha3_256": ("sha3_256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
                     "FIPS 202 example SHA3-256 'abc'"),
    }
    w.comment("Digest input for every hash KAT: the three bytes 'abc'.")
    w.hex("kAbc", abc)
    for name, (py, md, src) in digests.items():
        assert hashlib.new(py, b"abc").hexdigest() == md, name
        w.comment(src)
        w.hex(f"k{name}Abc", md)
    w.blank()

    # --- HMAC-SHA-256: RFC 4231 section 4.3, test case 2.
    key, data = b"Jefe", b"what do ya want for nothing?"
    mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    assert hmac.new(key, data, hashlib.sha256).hexdigest() == mac
    w.comment("HMAC-SHA-256: RFC 4231 section 4.3, test case 2.")
    w.hex("kHmacKey", key.hex())
    w.hex("kHmacData", data.hex())
    w.hex("kHmacSha256", mac)
    w.blank()

    # --- AES-GCM-256: Wycheproof aes_gcm_test.json tcId 100 (valid).
    g, t = v.wycheproof("aes_gcm_test.json", 100)
    assert g["keySize"] == 256 and g["ivSize"] == 96 and g["tagSize"] == 128 and t["result"] == "valid"
    w.comment("AES-256-GCM: Wycheproof aes_gcm_test.json tcId 100 (96-bit IV, 128-bit tag).")
    for f, n in (("key", "Key"), ("iv", "Iv"), ("aad", "Aad"), ("msg", "Pt"), ("ct", "Ct"), ("tag", "Tag")):
        w.hex(f"kGcm{n}", t[f])
    w.blank()

    # --- AES-CBC-256: ACVP-AES-CBC-1.0, one encrypt and one decrypt case.
    g, t = v.acvp("ACVP-AES-CBC-1.0", "prompt", 27, 2100)
    _, e = v.acvp("ACVP-AES-CBC-1.0", "expectedResults", 27, 2100)
    assert g["direction"] == "encrypt" and g["keyLen"] == 256
    w.comment("AES-256-CBC encrypt: ACVP-AES-CBC-1.0 tgId 27 tcId 2100.")
    w.hex("kCbcEncKey", t["key"]); w.hex("kCbcEncIv", t["iv"]); w.hex("kCbcEncPt", t["pt"])
    w.hex("kCbcEncCt", e["ct"])
    g, t = v.acvp("ACVP-AES-CBC-1.0", "prompt", 30, 2130)
    _, e = v.acvp("ACVP-AES-CBC-1.0", "expectedResults", 30, 2130)
    assert g["direction"] == "decrypt" and g["keyLen"] == 256
    w.comment("AES-256-CBC decrypt: ACVP-AES-CBC-1.0 tgId 30 tcId 2130.")
    w.hex("kCbcDecKey", t["key"]); w.hex("kCbcDecIv", t["iv"]); w.hex("kCbcDecCt", t["ct"])
    w.hex("kCbcDecPt", e["pt"])
    w.blank()

    # --- AES-KW-256: RFC 3394 section 4.6 = Wycheproof aes_wrap_test.json tcId 165.
    g, t = v.wycheproof("aes_wrap_test.json", 165)
    assert t["comment"] == "RFC 3394" and t["result"] == "valid"
    w.comment("AES-KW (256-bit KEK, 256-bit key data): RFC 3394 section 4.6,\n"
              "as carried in Wycheproof aes_wrap_test.json tcId 165.")
    w.hex("kKwKek", t["key"]); w.hex("kKwPt", t["msg"]); w.hex("kKwCt", t["ct"])
    w.blank()

    # --- HMAC_DRBG SHA2-256 without prediction resistance: instantiate, reseed, 2 x generate.
    g, t = v.acvp("hmacDRBG-SP800-90Ar1", "prompt", 28, t_id := first_tc(v, "hmacDRBG-SP800-90Ar1", 28))
    _, e = v.acvp("hmacDRBG-SP800-90Ar1", "expectedResults", 28, t_id)
    assert g["mode"] == "SHA2-256" and not g["predResistance"]
    ops = t["otherInput"]
    assert [o["intendedUse"] for o in ops] == ["reSeed", "generate", "generate"]
    w.comment(f"HMAC_DRBG (SHA2-256, no prediction resistance): ACVP hmacDRBG-SP800-90Ar1 tgId 28 "
              f"tcId {t_id}:\ninstantiate, reseed, generate, generate; the second output is the answer.")
    w.hex("kDrbgEntropy", t["entropyInput"]); w.hex("kDrbgNonce", t["nonce"])
    w.hex("kDrbgPerso", t["persoString"])
    w.hex("kDrbgReseedEntropy", ops[0]["entropyInput"]); w.hex("kDrbgReseedAdd", ops[0]["additionalInput"])
    w.hex("kDrbgAdd1", ops[1]["additionalInput"]); w.hex("kDrbgAdd2", ops[2]["additionalInput"])
    w.hex("kDrbgOutput", e["returnedBits"])
    w.blank()

    # --- HKDF-SHA-256: RFC 5869 A.1 = Wycheproof hkdf_sha256_test.json tcId 1.
    g, t = v.wycheproof("hkdf_sha256_test.json", 1)
    assert t["comment"] == "RFC 5869"
    w.comment("HKDF-SHA-256: RFC 5869 appendix A.1 (test case 1), as carried in Wycheproof\n"
              "hkdf_sha256_test.json tcId 1.")
    w.hex("kHkdfIkm", t["ikm"]); w.hex("kHkdfSalt", t["salt"]); w.hex("kHkdfInfo", t["info"])
    w.hex("kHkdfOkm", t["okm"])
    w.blank()

    # --- PBKDF2-HMAC-SHA-256: RFC 7914 section 11 = Wycheproof pbkdf2_hmacsha256_test.json tcId 1.
    g, t = v.wycheproof("pbkdf2_hmacsha256_test.json", 1)
    assert t["comment"] == "RFC 7914" and t["iterationCount"] == 1
    w.comment("PBKDF2-HMAC-SHA-256 (1 iteration, 64 bytes): RFC 7914 section 11, as carried in\n"
              "Wycheproof pbkdf2_hmacsha256_test.json tcId 1.")
    w.hex("kPbkdf2Password", t["password"]); w.hex("kPbkdf2Salt", t["salt"])
    w.hex("kPbkdf2Dk", t["dk"])
    w.lines.append(f"inline constexpr unsigned kPbkdf2Iterations = {t['iterationCount']};")
    w.blank()

    # --- RSA PKCS#1 v1.5 SHA-256 signature: Wycheproof rsa_pkcs1_2048_sig_gen_test.json.
    gname = "rsa_pkcs1_2048_sig_gen_test.json"
    doc = v.load(f"wycheproof/{gname}")
    grp = next(g for g in doc["testGroups"] if g["sha"] == "SHA-256")
    t = next(t for t in grp["tests"] if t["msg"] == b"Test".hex() and t["result"] == "valid")
    w.comment(f"RSA-2048 PKCS#1 v1.5 SHA-256 signature generation (deterministic): Wycheproof\n"
              f"{gname}, SHA-256 group, tcId {t['tcId']} (message 'Test'). The private key is the\n"
              f"group's PKCS#8 DER; the same key serves the RSA-PSS sign/verify round trip.")
    w.hex("kRsaPrivatePkcs8", grp["privateKeyPkcs8"])
    w.hex("kRsaPkcs1Msg", t["msg"]); w.hex("kRsaPkcs1Sig", t["sig"])
    w.blank()

    # --- RSA-PSS SHA-256 verification: ACVP RSA-SigGen-FIPS186-5 tgId 9 tcId 25 (salt 8 bytes).
    g, t = v.acvp("RSA-SigGen-FIPS186-5", "internalProjection", 9, 25)
    assert g["sigType"] == "pss" and g["hashAlg"] == "SHA2-256" and g["modulo"] == 2048
    w.comment("RSA-2048 PSS (SHA-256, MGF1-SHA-256, 8-byte salt) signature verification: ACVP\n"
              "RSA-SigGen-FIPS186-5 tgId 9 tcId 25 (the server's signature, salt CB90DFFBD18E4AF8).")
    w.hex("kPssN", g["n"]); w.hex("kPssE", g["e"]); w.hex("kPssMsg", t["message"])
    w.hex("kPssSig", t["signature"])
    w.lines.append(f"inline constexpr int kPssSaltLen = {g['saltLen']};")
    w.blank()

    # --- ECDSA P-256 SHA-256: ACVP ECDSA-SigGen-FIPS186-5 tgId 14 tcId 131 (with its k).
    g, t = v.acvp("ECDSA-SigGen-FIPS186-5", "internalProjection", 14, 131)
    assert g["curve"] == "P-256" and g["hashAlg"] == "SHA2-256"
    w.comment("ECDSA P-256 SHA-256: ACVP ECDSA-SigGen-FIPS186-5 tgId 14 tcId 131 (internalProjection:\n"
              "private key d, public key Q, per-message secret k and the signature r, s).")
    w.hex("kEcdsaD", g["d"]); w.hex("kEcdsaQx", g["qx"]); w.hex("kEcdsaQy", g["qy"])
    w.hex("kEcdsaK", t["k"]); w.hex("kEcdsaMsg", t["message"])
    w.hex("kEcdsaR", t["r"]); w.hex("kEcdsaS", t["s"])
    w.blank()

    # --- ECDH P-256: Wycheproof ecdh_secp256r1_ecpoint_test.json tcId 1.
    g, t = v.wycheproof("ecdh_secp256r1_ecpoint_test.json", 1)
    assert t["result"] == "valid" and t["comment"] == "normal case"
    w.comment("ECDH P-256 shared secret: Wycheproof ecdh_secp256r1_ecpoint_test.json tcId 1.")
    w.hex("kEcdhPrivate", t["private"]); w.hex("kEcdhPeer", t["public"]); w.hex("kEcdhShared", t["shared"])
    w.blank()

    # --- Ed25519: RFC 8032 section 7.1 TEST 1 (Wycheproof ed25519_test.json tcId 80 has pk, sig).
    g, t = v.wycheproof("ed25519_test.json", 80)
    assert "Test 1" in t["comment"]
    w.comment("Ed25519: RFC 8032 section 7.1, TEST 1 (empty message). Secret key from the RFC;\n"
              "public key and signature as carried in Wycheproof ed25519_test.json tcId 80.")
    w.hex("kEd25519Secret", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    w.hex("kEd25519Public", g["publicKey"]["pk"]); w.hex("kEd25519Msg", t["msg"])
    w.hex("kEd25519Sig", t["sig"])
    w.blank()

    # --- ML-KEM-512: ACVP keyGen tgId 1 tcId 1; encapDecap tgId 1 tcId 1 (internalProjection).
    g, t = v.acvp("ML-KEM-keyGen-FIPS203", "prompt", 1, 1)
    _, e = v.acvp("ML-KEM-keyGen-FIPS203", "expectedResults", 1, 1)
    assert g["parameterSet"] == "ML-KEM-512"
    w.comment("ML-KEM-512 KeyGen_internal: ACVP ML-KEM-keyGen-FIPS203 tgId 1 tcId 1 (d, z); expected\n"
              "ek and dk stored as SHA-256 of the published values.")
    w.hex("kMlKemD", t["d"]); w.hex("kMlKemZ", t["z"])
    w.hex("kMlKemEkSha256", sha256_hex(e["ek"])); w.hex("kMlKemDkSha256", sha256_hex(e["dk"]))
    g, t = v.acvp("ML-KEM-encapDecap-FIPS203", "internalProjection", 1, 1)
    assert g["parameterSet"] == "ML-KEM-512" and g["function"] == "encapsulation"
    w.comment("ML-KEM-512 Encaps_internal / Decaps_internal: ACVP ML-KEM-encapDecap-FIPS203 tgId 1\n"
              "tcId 1 (internalProjection: ek, dk, m -> c, k); c stored as its SHA-256.")
    w.hex("kMlKemEncapsEk", t["ek"]); w.hex("kMlKemEncapsDk", t["dk"]); w.hex("kMlKemM", t["m"])
    w.hex("kMlKemCSha256", sha256_hex(t["c"])); w.hex("kMlKemK", t["k"])
    w.blank()

    # --- ML-DSA-44: Wycheproof mldsa_44_sign_seed_test.json tcId 3 (seed -> keys -> signature).
    name = "mldsa_44_sign_seed_test.json"
    g, t = v.wycheproof(name, 3)
    assert t["result"] == "valid" and "rnd" not in t
    w.comment(f"ML-DSA-44 KeyGen, deterministic Sign (pure, with context) and Verify:\nWycheproof {name} "
              f"tcId 3.\nOne case covers all three: the ACVP sigGen cases carry no public key.\n"
              f"Public key and signature stored as SHA-256 of the published values.")
    w.hex("kMlDsaSeed", g["privateSeed"]); w.hex("kMlDsaPkSha256", sha256_hex(g["publicKey"]))
    w.hex("kMlDsaMsg", t["msg"]); w.hex("kMlDsaCtx", t["ctx"]); w.hex("kMlDsaSigSha256", sha256_hex(t["sig"]))
    w.blank()

    # --- SLH-DSA-SHA2-192f: NIST ACVP SLH-DSA-sigGen-FIPS205 internalProjection case, via the
    # repository's published KAT file (the shared ACVP copy lacks the sigGen answers). Chosen
    # for speed: signing is the POST's largest cost, and SHA2-192f is the cheapest parameter set
    # with a published signature (about 11 ms of CPU here; SHAKE-128f takes about 36 ms).
    path = os.path.join(ROOT, "tests", "vectors", "pqc", "slhdsa_published_kats.json")
    with open(path) as f:
        kats = json.load(f)
    c = next(c for c in kats["nist_siggen_sample"] if c["parameterSet"] == "SLH-DSA-SHA2-192f")
    assert c["additionalRandomness"] is not None and len(c["sk"]) == 4 * 24 * 2
    w.comment("SLH-DSA-SHA2-192f KeyGen, Sign (internal interface, hedged with the published addrnd)\n"
              "and Verify: a NIST ACVP-Server SLH-DSA-sigGen-FIPS205 internalProjection case, from\n"
              "tests/vectors/pqc/slhdsa_published_kats.json 'nist_siggen_sample' (provenance recorded\n"
              "there). The secret key SK.seed||SK.prf||PK.seed||PK.root also fixes the key-generation\n"
              "answer (PK.root from the first three parts).")
    w.hex("kSlhSk", c["sk"]); w.hex("kSlhMsg", c["message"]); w.hex("kSlhAddrnd", c["additionalRandomness"])
    w.hex("kSlhSigSha256", c["signatureSha256"])
    return w.lines


def first_tc(v, folder, tg):
    doc = v.load(f"acvp/{folder}/prompt.json")
    return next(g for g in doc["testGroups"] if g["tgId"] == tg)["tests"][0]["tcId"]


HEADER = """// Generated by scripts/gen_kat_vectors.py from published test vectors; do not edit.
// Every expected value below is copied from (or, for large outputs, is the SHA-256 of) the
// published vector named in its comment. docs/self-tests.md lists the same sources.
#pragma once

#include <string_view>

namespace craton::selftest::vectors {
"""

FOOTER = """}  // namespace craton::selftest::vectors
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--vectors", default=os.environ.get(
        "CRATON_VECTORS_DIR", os.path.join(ROOT, "..", "shared", "vectors")))
    args = ap.parse_args()
    text = HEADER + "\n" + "\n".join(generate(Vectors(args.vectors))) + "\n\n" + FOOTER
    if args.check:
        with open(OUT) as f:
            if f.read() != text:
                print(f"{OUT} differs from what the published vectors give; rerun the script")
                return 1
        print("ok: every KAT expected value matches its published source")
        return 0
    with open(OUT, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
