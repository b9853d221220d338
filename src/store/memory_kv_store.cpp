// In-process backend: nothing reaches the disk; used by the default in-memory mode.
#include <array>
#include <map>
#include <mutex>

#include "store/kv_store.h"

namespace craton::store {
namespace {

class MemoryKvStore final : public KeyValueStore {
public:
    void write(const std::function<void(KvWriter&)>& fn) override {
        std::lock_guard lock(mutex_);
        // Apply to a copy so a throwing transaction leaves nothing behind.
        Writer w{tables_};
        fn(w);
        tables_ = std::move(w.tables);
        ++generation_;
    }
    std::optional<Bytes> get(Table table, std::string_view key) override {
        std::lock_guard lock(mutex_);
        const auto& t = tables_[index(table)];
        const auto it = t.find(std::string(key));
        if (it == t.end()) return std::nullopt;
        return Bytes(it->second.begin(), it->second.end());
    }
    void scan(Table table,
              const std::function<void(std::string_view, ByteView)>& fn) override {
        std::lock_guard lock(mutex_);
        for (const auto& [k, v] : tables_[index(table)]) fn(k, ByteView(v.data(), v.size()));
    }
    std::uint64_t generation() override {
        std::lock_guard lock(mutex_);
        return generation_;
    }
    bool durable() const noexcept override { return false; }

private:
    using Tables = std::array<std::map<std::string, SecureBytes>, 2>;
    static std::size_t index(Table t) { return t == Table::Meta ? 0 : 1; }
    struct Writer final : KvWriter {
        explicit Writer(const Tables& t) : tables(t) {}
        void put(Table table, std::string_view key, ByteView value) override {
            tables[index(table)][std::string(key)] = SecureBytes(value.begin(), value.end());
        }
        void erase(Table table, std::string_view key) override {
            tables[index(table)].erase(std::string(key));
        }
        void clear(Table table) override { tables[index(table)].clear(); }
        Tables tables;
    };

    std::mutex mutex_;
    Tables tables_;
    std::uint64_t generation_ = 0;
};

}  // namespace

std::unique_ptr<KeyValueStore> make_memory_kv_store() { return std::make_unique<MemoryKvStore>(); }

}  // namespace craton::store
