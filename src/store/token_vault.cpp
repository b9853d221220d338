#include "store/token_vault.h"

#include <cstring>

#include <openssl/evp.h>

#include "core/error.h"
#include "core/log.h"
#include "rng/random.h"
#include "store/byte_io.h"
#include "store/object_codec.h"

namespace craton::store {
namespace {

constexpr std::size_t kNonce = 12;
constexpr std::size_t kTag = 16;
constexpr std::uint8_t kRecordVersion = 1;

void put_pin(ByteWriter<Bytes>& w, const std::optional<PinRecord>& pin) {
    w.put<std::uint8_t>(pin ? 1 : 0);
    if (!pin) return;
    w.bytes(pin->salt());
    w.bytes(pin->verifier());
    w.put<std::uint32_t>(pin->iterations());
}

std::optional<PinRecord> get_pin(ByteReader& c) {
    if (c.get<std::uint8_t>() == 0) return std::nullopt;
    std::array<std::uint8_t, PinRecord::kSaltBytes> salt;
    std::array<std::uint8_t, PinRecord::kHashBytes> hash;
    const auto s = c.take(salt.size());
    std::copy(s.begin(), s.end(), salt.begin());
    const auto h = c.take(hash.size());
    std::copy(h.begin(), h.end(), hash.begin());
    return PinRecord::from_parts(salt, hash, c.get<std::uint32_t>());
}

Bytes encode_state(const TokenState& s) {
    Bytes out;
    ByteWriter w(out);
    w.put<std::uint8_t>(s.initialized ? 1 : 0);
    w.bytes(view(s.label.data(), s.label.size()));
    w.put<std::uint32_t>(s.so_failures);
    w.put<std::uint32_t>(s.user_failures);
    put_pin(w, s.so_pin);
    put_pin(w, s.user_pin);
    return out;
}

std::string object_key(std::uint64_t id) {
    std::string k(8, '\0');
    for (int i = 0; i < 8; ++i) k[i] = static_cast<char>(id >> (56 - 8 * i));
    return k;
}

const char* mk_key(CK_USER_TYPE who) {
    return who == CKU_SO ? "mk.so" : "mk.user";
}

}  // namespace

TokenVault::TokenVault(std::unique_ptr<KeyValueStore> kv) : kv_(std::move(kv)) {
    if (auto id = kv_->get(Table::Meta, "token_id")) {
        token_id_ = *id;
    } else {
        token_id_.assign(16, 0);
        rng::random_bytes(token_id_);
        std::uint32_t version = kFormatVersion;
        kv_->write([&](KvWriter& w) {
            w.put(Table::Meta, "format", view(&version, sizeof version));
            w.put(Table::Meta, "token_id", token_id_);
        });
    }
}

TokenState TokenVault::load_state() {
    const auto format = kv_->get(Table::Meta, "format");
    std::uint32_t version = 0;
    if (!format || format->size() != sizeof version)
        throw StoreError("token store has no format record");
    std::memcpy(&version, format->data(), sizeof version);
    if (version != kFormatVersion) {
        throw StoreError("token store format version " + std::to_string(version) +
                         " is not supported (this build reads version " +
                         std::to_string(kFormatVersion) + ")");
    }
    TokenState s;
    s.label.fill(' ');
    const auto record = kv_->get(Table::Meta, "state");
    if (!record) return s;
    ByteReader c(*record);
    s.initialized = c.get<std::uint8_t>() != 0;
    const auto label = c.take(32);
    std::copy(label.begin(), label.end(), s.label.begin());
    s.so_failures = c.get<std::uint32_t>();
    s.user_failures = c.get<std::uint32_t>();
    s.so_pin = get_pin(c);
    s.user_pin = get_pin(c);
    return s;
}

void TokenVault::save_state(const TokenState& state) {
    const Bytes record = encode_state(state);
    kv_->write([&](KvWriter& w) { w.put(Table::Meta, "state", record); });
}

void TokenVault::initialize(const TokenState& state, ByteView so_kek) {
    std::lock_guard lock(mutex_);
    SecureBytes mk(32);
    rng::random_bytes(mk);
    Bytes aad = token_id_;
    aad.insert(aad.end(), {'m', 'k', '.', 's', 'o'});
    const SecureBytes wrapped = seal(mk, aad, so_kek);
    const Bytes record = encode_state(state);
    kv_->write([&](KvWriter& w) {
        w.clear(Table::Objects);
        w.erase(Table::Meta, "mk.user");
        w.put(Table::Meta, "mk.so", wrapped);
        w.put(Table::Meta, "state", record);
    });
    master_key_ = std::move(mk);
}

void TokenVault::erase() {
    std::lock_guard lock(mutex_);
    kv_->write([](KvWriter& w) {
        w.clear(Table::Objects);
        w.erase(Table::Meta, mk_key(CKU_SO));
        w.erase(Table::Meta, mk_key(CKU_USER));
        w.erase(Table::Meta, "state");
    });
    master_key_.clear();
    master_key_.shrink_to_fit();
}

void TokenVault::wrap_master_key(CK_USER_TYPE who, ByteView kek, const TokenState& state) {
    std::lock_guard lock(mutex_);
    if (master_key_.empty()) fail(CKR_USER_NOT_LOGGED_IN);
    Bytes aad = token_id_;
    const std::string label = mk_key(who);
    aad.insert(aad.end(), label.begin(), label.end());
    const SecureBytes wrapped = seal(master_key_, aad, kek);
    const Bytes record = encode_state(state);
    kv_->write([&](KvWriter& w) {
        w.put(Table::Meta, label, wrapped);
        w.put(Table::Meta, "state", record);
    });
}

bool TokenVault::unlock(CK_USER_TYPE who, ByteView kek) {
    const std::string label = mk_key(who);
    const auto wrapped = kv_->get(Table::Meta, label);
    // In-memory tokens created before a PIN existed have nothing to unwrap: nothing is lost.
    if (!wrapped) return false;
    Bytes aad = token_id_;
    aad.insert(aad.end(), label.begin(), label.end());
    SecureBytes mk = open(*wrapped, aad, kek);
    if (mk.size() != 32) return false;
    std::lock_guard lock(mutex_);
    master_key_ = std::move(mk);
    return true;
}

void TokenVault::lock() noexcept {
    std::lock_guard lock(mutex_);
    master_key_.clear();
    master_key_.shrink_to_fit();
}

bool TokenVault::unlocked() const {
    std::lock_guard lock(mutex_);
    return !master_key_.empty();
}

Bytes TokenVault::object_aad(std::uint64_t id) const {
    Bytes aad = token_id_;
    ByteWriter<Bytes> w(aad);
    w.put<std::uint64_t>(id);
    return aad;
}

void TokenVault::put_object(const Object& obj) {
    const SecureBytes attrs = encode_attributes(obj);
    Bytes record{kRecordVersion, static_cast<std::uint8_t>(obj.is_private() ? 1 : 0)};
    if (obj.is_private()) {
        std::lock_guard lock(mutex_);
        if (master_key_.empty()) fail(CKR_USER_NOT_LOGGED_IN);
        const SecureBytes sealed = seal(attrs, object_aad(obj.store_id()), master_key_);
        record.insert(record.end(), sealed.begin(), sealed.end());
    } else {
        record.insert(record.end(), attrs.begin(), attrs.end());
    }
    kv_->write([&](KvWriter& w) { w.put(Table::Objects, object_key(obj.store_id()), record); });
}

void TokenVault::remove_object(std::uint64_t store_id) {
    kv_->write([&](KvWriter& w) { w.erase(Table::Objects, object_key(store_id)); });
}

std::vector<ObjectPtr> TokenVault::load_objects(bool with_private) {
    return load_records(true, with_private);
}

std::vector<ObjectPtr> TokenVault::load_private_objects() {
    return load_records(false, true);
}

std::vector<ObjectPtr> TokenVault::load_records(bool want_public, bool with_private) {
    std::vector<ObjectPtr> out;
    SecureBytes key;
    if (with_private) {
        std::lock_guard lock(mutex_);
        key = master_key_;
    }
    kv_->scan(Table::Objects, [&](std::string_view k, ByteView record) {
        if (k.size() != 8 || record.size() < 2 || record[0] != kRecordVersion) {
            log::error("skipping unreadable object record in token store");
            return;
        }
        std::uint64_t id = 0;
        for (char c : k) id = (id << 8) | static_cast<std::uint8_t>(c);
        const bool priv = record[1] != 0;
        if (priv && (!with_private || key.empty())) return;
        if (!priv && !want_public) return;
        try {
            ObjectPtr obj = priv ? decode_attributes(open(record.subspan(2), object_aad(id), key))
                                 : decode_attributes(record.subspan(2));
            obj->set_store_id(id);
            out.push_back(std::move(obj));
        } catch (const std::exception&) {
            log::error("object record failed authentication or decoding; skipped");
        }
    });
    return out;
}

SecureBytes TokenVault::seal(ByteView plain, ByteView aad, ByteView key) {
    SecureBytes out(kNonce + plain.size() + kTag);
    rng::random_bytes(std::span<std::uint8_t>(out.data(), kNonce));
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    bool ok =
        ctx != nullptr && key.size() == 32 &&
        EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), out.data()) == 1 &&
        EVP_EncryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
        EVP_EncryptUpdate(ctx, out.data() + kNonce, &len, plain.data(),
                          static_cast<int>(plain.size())) == 1 &&
        EVP_EncryptFinal_ex(ctx, out.data() + kNonce + len, &len) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTag, out.data() + kNonce + plain.size()) ==
            1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) fail(CKR_FUNCTION_FAILED, "record encryption failed");
    return out;
}

SecureBytes TokenVault::open(ByteView sealed, ByteView aad, ByteView key) {
    if (sealed.size() < kNonce + kTag || key.size() != 32)
        throw StoreError("sealed record too short");
    const std::size_t n = sealed.size() - kNonce - kTag;
    SecureBytes out(n);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    bool ok =
        ctx != nullptr &&
        EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), sealed.data()) == 1 &&
        EVP_DecryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
        EVP_DecryptUpdate(ctx, out.data(), &len, sealed.data() + kNonce, static_cast<int>(n)) ==
            1 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTag,
                            const_cast<std::uint8_t*>(sealed.data() + kNonce + n)) == 1 &&
        EVP_DecryptFinal_ex(ctx, out.data() + len, &len) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) throw StoreError("sealed record failed authentication");
    return out;
}

}  // namespace craton::store
