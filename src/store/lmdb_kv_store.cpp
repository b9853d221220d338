// LMDB backend: one environment per token directory, ACID transactions, crash-safe, and
// shared between processes through LMDB's own lock file.
#include <lmdb.h>
#include <sys/stat.h>

#include <cstring>

#include "store/kv_store.h"

namespace craton::store {
namespace {

// The generation counter lives in the meta table under a key no record uses.
constexpr std::string_view kGenerationKey = "\x01generation";

void check(int rc, const char* what) {
    if (rc != MDB_SUCCESS) throw StoreError(std::string(what) + ": " + mdb_strerror(rc));
}

MDB_val val(std::string_view s) { return {s.size(), const_cast<char*>(s.data())}; }
MDB_val val(ByteView b) { return {b.size(), const_cast<std::uint8_t*>(b.data())}; }

class Txn {
public:
    Txn(MDB_env* env, bool read_only) {
        check(mdb_txn_begin(env, nullptr, read_only ? MDB_RDONLY : 0, &txn_), "mdb_txn_begin");
    }
    ~Txn() {
        if (txn_ != nullptr) mdb_txn_abort(txn_);
    }
    Txn(const Txn&) = delete;
    Txn& operator=(const Txn&) = delete;
    void commit() {
        const int rc = mdb_txn_commit(txn_);
        txn_ = nullptr;
        check(rc, "mdb_txn_commit");
    }
    MDB_txn* get() const { return txn_; }

private:
    MDB_txn* txn_ = nullptr;
};

class LmdbKvStore final : public KeyValueStore {
public:
    explicit LmdbKvStore(const std::filesystem::path& dir) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) throw StoreError("cannot create " + dir.string() + ": " + ec.message());
        ::chmod(dir.c_str(), 0700);
        check(mdb_env_create(&env_), "mdb_env_create");
        check(mdb_env_set_maxdbs(env_, 4), "mdb_env_set_maxdbs");
        // A sparse map: the file grows only as records are written.
        check(mdb_env_set_mapsize(env_, std::size_t{8} << 30), "mdb_env_set_mapsize");
        // NOTLS: read transactions are not tied to threads, since PKCS#11 callers move freely.
        const int rc = mdb_env_open(env_, dir.c_str(), MDB_NOTLS, 0600);
        if (rc != MDB_SUCCESS) {
            mdb_env_close(env_);
            env_ = nullptr;
            check(rc, ("mdb_env_open " + dir.string()).c_str());
        }
        Txn txn(env_, false);
        check(mdb_dbi_open(txn.get(), "meta", MDB_CREATE, &meta_), "mdb_dbi_open meta");
        check(mdb_dbi_open(txn.get(), "objects", MDB_CREATE, &objects_), "mdb_dbi_open objects");
        txn.commit();
    }
    ~LmdbKvStore() override {
        if (env_ != nullptr) mdb_env_close(env_);
    }

    void write(const std::function<void(KvWriter&)>& fn) override {
        Txn txn(env_, false);
        Writer w(txn.get(), *this);
        fn(w);
        std::uint64_t gen = read_generation(txn.get()) + 1;
        MDB_val k = val(kGenerationKey);
        MDB_val v{sizeof gen, &gen};
        check(mdb_put(txn.get(), meta_, &k, &v, 0), "mdb_put generation");
        txn.commit();
    }

    std::optional<Bytes> get(Table table, std::string_view key) override {
        Txn txn(env_, true);
        MDB_val k = val(key), v;
        const int rc = mdb_get(txn.get(), dbi(table), &k, &v);
        if (rc == MDB_NOTFOUND) return std::nullopt;
        check(rc, "mdb_get");
        const auto* p = static_cast<const std::uint8_t*>(v.mv_data);
        return Bytes(p, p + v.mv_size);
    }

    void scan(Table table, const std::function<void(std::string_view, ByteView)>& fn) override {
        Txn txn(env_, true);
        MDB_cursor* cursor = nullptr;
        check(mdb_cursor_open(txn.get(), dbi(table), &cursor), "mdb_cursor_open");
        MDB_val k, v;
        int rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST);
        while (rc == MDB_SUCCESS) {
            const std::string_view key(static_cast<const char*>(k.mv_data), k.mv_size);
            if (!(table == Table::Meta && key == kGenerationKey)) {
                fn(key, ByteView(static_cast<const std::uint8_t*>(v.mv_data), v.mv_size));
            }
            rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT);
        }
        mdb_cursor_close(cursor);
        if (rc != MDB_NOTFOUND) check(rc, "mdb_cursor_get");
    }

    std::uint64_t generation() override {
        Txn txn(env_, true);
        return read_generation(txn.get());
    }

    bool durable() const noexcept override { return true; }

private:
    MDB_dbi dbi(Table t) const { return t == Table::Meta ? meta_ : objects_; }

    std::uint64_t read_generation(MDB_txn* txn) {
        MDB_val k = val(kGenerationKey), v;
        const int rc = mdb_get(txn, meta_, &k, &v);
        if (rc == MDB_NOTFOUND) return 0;
        check(rc, "mdb_get generation");
        std::uint64_t gen = 0;
        if (v.mv_size == sizeof gen) std::memcpy(&gen, v.mv_data, sizeof gen);
        return gen;
    }

    struct Writer final : KvWriter {
        Writer(MDB_txn* t, LmdbKvStore& s) : txn(t), store(s) {}
        void put(Table table, std::string_view key, ByteView value) override {
            MDB_val k = val(key), v = val(value);
            check(mdb_put(txn, store.dbi(table), &k, &v, 0), "mdb_put");
        }
        void erase(Table table, std::string_view key) override {
            MDB_val k = val(key);
            const int rc = mdb_del(txn, store.dbi(table), &k, nullptr);
            if (rc != MDB_NOTFOUND) check(rc, "mdb_del");
        }
        void clear(Table table) override {
            check(mdb_drop(txn, store.dbi(table), 0), "mdb_drop");
        }
        MDB_txn* txn;
        LmdbKvStore& store;
    };

    MDB_env* env_ = nullptr;
    MDB_dbi meta_ = 0;
    MDB_dbi objects_ = 0;
};

}  // namespace

std::unique_ptr<KeyValueStore> make_lmdb_kv_store(const std::filesystem::path& dir) {
    return std::make_unique<LmdbKvStore>(dir);
}

}  // namespace craton::store
