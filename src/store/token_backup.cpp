#include "store/token_backup.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "config/config.h"
#include "rng/random.h"
#include "store/byte_io.h"

namespace craton::store {
namespace {

constexpr char kMagic[8] = {'C', 'R', 'A', 'T', 'O', 'N', 'B', 'K'};
constexpr std::size_t kSalt = 32, kNonce = 12, kTag = 16;
constexpr std::size_t kHeader = sizeof kMagic + 4 + 4 + kSalt + kNonce;
// Restore refuses absurd iteration counts in a header before spending the time on them.
constexpr std::uint32_t kMaxIterations = 100000000;

struct Record {
    Table table;
    std::string key;
    Bytes value;
};

SecureBytes derive_key(ByteView pin, ByteView salt, std::uint32_t iterations) {
    SecureBytes key(32);
    if (PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(pin.data()), static_cast<int>(pin.size()),
                          salt.data(), static_cast<int>(salt.size()), static_cast<int>(iterations),
                          EVP_sha256(), static_cast<int>(key.size()), key.data()) != 1) {
        throw BackupError("PBKDF2 failed");
    }
    return key;
}

// AES-256-GCM over `in` with `aad`; `encrypt` false checks the tag at the end of `in`.
bool gcm(bool encrypt, ByteView key, ByteView nonce, ByteView aad, ByteView in, std::uint8_t* out,
         std::uint8_t* tag) {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    bool ok = ctx != nullptr &&
              EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), nonce.data(),
                                encrypt ? 1 : 0) == 1 &&
              EVP_CipherUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
              EVP_CipherUpdate(ctx, out, &len, in.data(), static_cast<int>(in.size())) == 1;
    if (ok && !encrypt) ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTag, tag) == 1;
    ok = ok && EVP_CipherFinal_ex(ctx, out + len, &len) == 1;
    if (ok && encrypt) ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTag, tag) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

std::vector<Record> read_records(KeyValueStore& kv) {
    std::vector<Record> records;
    for (Table t : {Table::Meta, Table::Objects}) {
        kv.scan(t, [&](std::string_view key, ByteView value) {
            records.push_back({t, std::string(key), Bytes(value.begin(), value.end())});
        });
    }
    return records;
}

// Reporting every record would cost a std::function call per record for a display that
// redraws ten times a second; every kProgressStep records is plenty.
constexpr std::size_t kProgressStep = 256;

SecureBytes encode(const std::vector<Record>& records, const ProgressFn& progress) {
    SecureBytes out;
    ByteWriter w(out);
    w.put(static_cast<std::uint32_t>(records.size()));
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        // Before the record, so the last report here is below total: total means done.
        if (progress && i % kProgressStep == 0) progress(i, records.size());
        w.put(static_cast<std::uint8_t>(r.table == Table::Meta ? 0 : 1));
        w.put(static_cast<std::uint32_t>(r.key.size()));
        w.bytes(view(r.key.data(), r.key.size()));
        w.put(static_cast<std::uint32_t>(r.value.size()));
        w.bytes(r.value);
    }
    return out;
}

std::vector<Record> decode(ByteView payload) {
    ByteReader r(payload);
    const auto count = r.get<std::uint32_t>();
    std::vector<Record> records;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto table = r.get<std::uint8_t>();
        if (table > 1) throw BackupError("backup names an unknown table");
        const ByteView key = r.take(r.get<std::uint32_t>());
        const ByteView value = r.take(r.get<std::uint32_t>());
        records.push_back({table == 0 ? Table::Meta : Table::Objects,
                           std::string(key.begin(), key.end()), Bytes(value.begin(), value.end())});
    }
    if (!r.done()) throw BackupError("backup has trailing bytes");
    return records;
}

void write_records(KvWriter& w, const std::vector<Record>& records,
                   const ProgressFn& progress = {}) {
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (progress && i % kProgressStep == 0) progress(i, records.size());
        w.put(records[i].table, records[i].key, records[i].value);
    }
}

}  // namespace

Bytes make_backup(TokenVault& vault, ByteView so_pin, std::uint32_t iterations,
                  BackupSummary* summary, const ProgressFn& progress) {
    const TokenState state = vault.load_state();
    if (!state.initialized || !state.so_pin) throw BackupError("the token is not initialised");
    if (!state.so_pin->matches(so_pin)) throw BackupError("wrong SO PIN");
    if (iterations < config::kPbkdf2IterationFloor || iterations > kMaxIterations) {
        throw BackupError("PBKDF2 iteration count out of range");
    }
    const std::vector<Record> records = read_records(vault.records());
    const SecureBytes payload = encode(records, progress);

    Bytes out(kHeader + payload.size() + kTag);
    std::memcpy(out.data(), kMagic, sizeof kMagic);
    std::memcpy(out.data() + 8, &kBackupVersion, 4);
    std::memcpy(out.data() + 12, &iterations, 4);
    rng::random_bytes(std::span<std::uint8_t>(out.data() + 16, kSalt + kNonce));
    const ByteView header(out.data(), kHeader);
    const SecureBytes key = derive_key(so_pin, header.subspan(16, kSalt), iterations);
    if (!gcm(true, key, header.subspan(16 + kSalt, kNonce), header, payload, out.data() + kHeader,
             out.data() + kHeader + payload.size())) {
        throw BackupError("backup encryption failed");
    }
    if (summary != nullptr) {
        summary->objects = static_cast<std::size_t>(
            std::count_if(records.begin(), records.end(),
                          [](const Record& r) { return r.table == Table::Objects; }));
        summary->meta_records = records.size() - summary->objects;
    }
    if (progress) progress(records.size(), records.size());
    return out;
}

BackupSummary restore_backup(TokenVault& vault, ByteView backup, ByteView so_pin,
                             const ProgressFn& progress) {
    if (backup.size() < kHeader + kTag || std::memcmp(backup.data(), kMagic, sizeof kMagic) != 0) {
        throw BackupError("not a Craton HSM backup");
    }
    std::uint32_t version = 0, iterations = 0;
    std::memcpy(&version, backup.data() + 8, 4);
    std::memcpy(&iterations, backup.data() + 12, 4);
    if (version != kBackupVersion) {
        throw BackupError("backup format version " + std::to_string(version) +
                          " is not supported (this build reads " + std::to_string(kBackupVersion) +
                          ")");
    }
    if (iterations < config::kPbkdf2IterationFloor || iterations > kMaxIterations) {
        throw BackupError("backup header has an invalid iteration count");
    }
    const ByteView header = backup.first(kHeader);
    const ByteView body = backup.subspan(kHeader, backup.size() - kHeader - kTag);
    Bytes tag(backup.end() - kTag, backup.end());
    const SecureBytes key = derive_key(so_pin, header.subspan(16, kSalt), iterations);
    SecureBytes payload(body.size());
    if (!gcm(false, key, header.subspan(16 + kSalt, kNonce), header, body, payload.data(),
             tag.data())) {
        throw BackupError("wrong SO PIN or modified backup (authentication failed)");
    }
    std::vector<Record> records;
    try {
        records = decode(payload);
    } catch (const StoreError& e) {
        throw BackupError(std::string("backup payload is malformed: ") + e.what());
    }

    // Parse the restored state the way the module will (format version, PIN records) and check
    // the SO PIN against it, on a scratch copy, before the real token is touched.
    TokenVault scratch(make_memory_kv_store());
    scratch.records().write([&](KvWriter& w) { write_records(w, records); });
    TokenState state;
    try {
        state = scratch.load_state();
    } catch (const StoreError& e) {
        throw BackupError(std::string("backup token state is unusable: ") + e.what());
    }
    if (!state.initialized || !state.so_pin || !state.so_pin->matches(so_pin)) {
        throw BackupError("backup token state does not accept this SO PIN");
    }

    // One transaction: the token is either entirely the old one or entirely the backup.
    std::vector<std::string> old_meta;
    vault.records().scan(Table::Meta,
                         [&](std::string_view k, ByteView) { old_meta.emplace_back(k); });
    vault.records().write([&](KvWriter& w) {
        for (const auto& k : old_meta) w.erase(Table::Meta, k);
        w.clear(Table::Objects);
        write_records(w, records, progress);
    });
    if (progress) progress(records.size(), records.size());
    BackupSummary summary;
    for (const auto& r : records)
        (r.table == Table::Objects ? summary.objects : summary.meta_records)++;
    return summary;
}

}  // namespace craton::store
