#!/usr/bin/env python3
"""Writes the committed seed corpora under tests/fuzz/corpus/<target>/.

Each seed is a small input that decodes (see the target's source) into something the module
accepts, so fuzzing starts deep instead of at the first length check. ML-DSA and ML-KEM seeds
come from the Wycheproof files in ../shared/vectors. Run from the repository root; the output
is deterministic.
"""
import hashlib
import hmac
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
VECTORS = ROOT.parent / "shared/vectors/wycheproof"


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(bytes(data))


def u16(n):
    return struct.pack("<H", n)


def u64(n):
    return struct.pack("<Q", n)


def chunk(b):
    return u16(len(b)) + bytes(b)


# --- config: TOML files ----------------------------------------------------------------------
write("config", "full.toml", b"""[slots]
count = 2
[security]
pbkdf2_iterations = 600000
login_backoff_base_ms = 100
max_failed_logins = 10
[storage]
mode = "memory"
[logging]
level = "info"
""")
write("config", "persistent.toml", b'[storage]\nmode = "persistent"\npath = "/tmp/x"\n')
write("config", "bad_types.toml", b'[slots]\ncount = "two"\n[security]\npbkdf2_iterations = -1\n')
write("config", "empty.toml", b"")

# --- pqc_decode: selector byte = parameter set + 3 * case ------------------------------------
for ps, name in enumerate(["44", "65", "87"]):
    data = json.loads((VECTORS / f"mldsa_{name}_verify_test.json").read_text())
    group = data["testGroups"][0]
    pk = bytes.fromhex(group["publicKey"])
    test = next(t for t in group["tests"] if t["result"] == "valid")
    msg = bytes.fromhex(test["msg"])
    sig = bytes.fromhex(test["sig"])
    ctx = bytes.fromhex(test.get("ctx", ""))
    seed = bytes([ps + 3 * 0]) + pk + bytes([len(ctx)]) + ctx + chunk(msg) + bytes(64) + sig
    write("pqc_decode", f"mldsa{name}_verify", seed)
for ps, name in enumerate(["512", "768", "1024"]):
    data = json.loads((VECTORS / f"mlkem_{name}_encaps_test.json").read_text())
    test = data["testGroups"][0]["tests"][0]
    ek = bytes.fromhex(test.get("ek", test.get("publicKey", "")))
    write("pqc_decode", f"mlkem{name}_ek", bytes([ps + 3 * 2]) + ek)
write("pqc_decode", "mldsa44_sk_short", bytes([0 + 3 * 1]) + bytes(100))

# --- store_record: selector bit 0 = codec (0) or vault (1) -----------------------------------
def record(attrs):
    out = struct.pack("<I", len(attrs))
    for t, v in attrs:
        out += u64(t) + bytes([0]) + struct.pack("<I", len(v)) + v
    return out


CKA_CLASS, CKA_TOKEN, CKA_LABEL, CKA_VALUE, CKA_KEY_TYPE = 0, 1, 3, 0x11, 0x100
data_object = record([(CKA_CLASS, u64(0)), (CKA_TOKEN, b"\x01"), (CKA_LABEL, b"seed"),
                      (CKA_VALUE, b"value")])
aes_key = record([(CKA_CLASS, u64(4)), (CKA_KEY_TYPE, u64(0x1f)), (CKA_VALUE, bytes(16))])
write("store_record", "data_object", b"\x00" + data_object)
write("store_record", "aes_key", b"\x00" + aes_key)
state = b"\x01" + b"seed token".ljust(32) + struct.pack("<II", 0, 0)
write("store_record", "vault",
      b"\x01" + chunk(state) + b"\x01" + bytes(4) + bytes([8]) + u64(7) + chunk(b"\x01\x00" + data_object))

# --- template: template A, template B, context, read-back, mechanism parameters --------------
# Attribute: type index byte (into kTypes), form byte, value. kTypes[0]=CLASS, [1]=TOKEN,
# [3]=LABEL, [4]=VALUE, [5]=KEY_TYPE.
def attr_ulong(type_index, value):
    return bytes([type_index, 1]) + u64(value)


def attr_bytes(type_index, value):
    return bytes([type_index, 0]) + chunk(value)


tmpl_data = bytes([3]) + attr_ulong(0, 0) + attr_bytes(3, b"label") + attr_bytes(4, b"v")
tmpl_aes = bytes([3]) + attr_ulong(0, 4) + attr_ulong(5, 0x1f) + attr_bytes(4, bytes(16))
write("template", "data_object", tmpl_data + bytes([1]) + attr_bytes(3, b"new") + bytes(8))
write("template", "aes_key", tmpl_aes + bytes([0]) + bytes(8))

# --- abi: call sequences (see abi_fuzz.cpp: op byte, session byte, then the op's fields) -----
def op(n, session=0):
    return bytes([n, session])


OPEN = op(0) + bytes([0, 1, 1])                 # slot 0, serial|rw, with handle
INIT_TOKEN = op(3) + bytes([0, 0, 1])            # slot 0, SO PIN, label
LOGIN_SO = op(4) + bytes([1, 0])                 # CKU_SO, SO PIN
INIT_PIN = op(6) + bytes([1])                    # user PIN
LOGOUT = op(5)
LOGIN_USER = op(4) + bytes([0, 1])               # CKU_USER, user PIN
write("abi", "open_login", OPEN + INIT_TOKEN + OPEN + LOGIN_SO + INIT_PIN + LOGOUT + LOGIN_USER)
# Create a data object (template of 2 attributes: CLASS ulong DATA, LABEL bytes), find it.
create = op(8) + bytes([2]) + bytes([0, 0, 0]) + bytes([3, 4]) + chunk(b"x") + bytes([1])
write("abi", "create_find", OPEN + create + op(13) + bytes([0]) + op(14) + bytes([4, 1, 1]) + op(15))
# Digest: DigestInit (op 18, kind 4) with mechanism index 0, then Digest (op 20).
write("abi", "digest", OPEN + op(18) + bytes([0, 2, 0, 4]) + op(20) + bytes([2]) + chunk(b"abc") +
      bytes([2, 4]))
write("abi", "random", OPEN + op(28) + bytes([2]) + bytes([2]) + chunk(b"seed"))

# --- backup: selector bit 0 = raw file (0) or payload the target seals (1) --------------------
def backup_payload(records):
    out = struct.pack("<I", len(records))
    for table, key, value in records:
        out += bytes([table]) + struct.pack("<I", len(key)) + key + struct.pack("<I", len(value))
        out += value
    return out


write("backup", "raw_header_only",
      b"\x00" + b"CRATONBK" + struct.pack("<II", 1, 1000) + bytes(32 + 12) + bytes(16))
write("backup", "sealed_state",
      b"\x01" + backup_payload([(0, b"format", struct.pack("<I", 1)), (0, b"state", state[1:]),
                                (1, u64(7), data_object)]))
write("backup", "sealed_empty", b"\x01" + backup_payload([]))


# --- audit_verify: flags (1 keyed, 2 from, 4 two files), from byte, chunk, rest ---------------
def audit_chain(key, count, first_seq=1, prev=bytes(32)):
    lines = []
    for seq in range(first_seq, first_seq + count):
        rec = {"seq": seq, "prev": prev.hex(), "chain": "hmac-sha256" if key else "sha256",
               "event": "C_Login", "rv": 0, "time": "2026-11-23T00:00:00.000000Z"}
        text = json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        digest = (hmac.new(key, prev + text.encode(), hashlib.sha256).digest() if key
                  else hashlib.sha256(prev + text.encode()).digest())
        rec["hash"] = digest.hex()
        lines.append(json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=True))
        prev = digest
    return "".join(line + "\n" for line in lines).encode(), prev


AUDIT_KEY = bytes([0x4B]) * 32  # audit_verify_fuzz.cpp's fuzz_key()
plain, _ = audit_chain(None, 3)
write("audit_verify", "unkeyed_chain", bytes([0, 0]) + chunk(b"") + plain)
keyed, _ = audit_chain(AUDIT_KEY, 3)
write("audit_verify", "keyed_chain", bytes([1, 0]) + chunk(b"") + keyed)
rotated, last = audit_chain(None, 2)
current, _ = audit_chain(None, 2, first_seq=3, prev=last)
write("audit_verify", "rotated_chain", bytes([4, 0]) + chunk(rotated) + current)
write("audit_verify", "from_record", bytes([2, 3]) + chunk(b"") + current)

# --- acvp_json: small prompts, the first two groups of two cases of real vector sets ----------
ACVP = ROOT.parent / "shared/vectors/acvp"
for name in ["ACVP-AES-GCM-1.0", "SHA2-256-1.0", "HMAC-SHA2-256-2.0", "ML-KEM-encapDecap-FIPS203",
             "ECDSA-SigVer-FIPS186-5", "HKDF-1.0"]:
    prompt = json.loads((ACVP / name / "prompt.json").read_text())
    cases = 1 if name.startswith("ML-KEM") else 2  # ML-KEM keys are large; stay under -max_len
    prompt["testGroups"] = [dict(g, tests=g["tests"][:cases]) for g in prompt["testGroups"][:2]]
    write("acvp_json", name, json.dumps(prompt, separators=(",", ":")).encode())
print("seeds written to", CORPUS)
