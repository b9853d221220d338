// Key-value storage under a token: the part of persistence that differs between backends.
//
// Two tables (meta records and object records). Writes happen in transactions that commit all
// or nothing; a generation number grows with every commit, so a process can tell cheaply
// whether another process changed the token since it last looked. The in-memory backend keeps
// the same semantics for one process; the LMDB backend makes them durable and shared.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/secure_bytes.h"

namespace craton::store {

enum class Table { Meta, Objects };

class KvWriter {
public:
    virtual ~KvWriter() = default;
    virtual void put(Table table, std::string_view key, ByteView value) = 0;
    virtual void erase(Table table, std::string_view key) = 0;
    virtual void clear(Table table) = 0;
};

class KeyValueStore {
public:
    virtual ~KeyValueStore() = default;
    // Runs `fn` inside one write transaction that also advances the generation.
    virtual void write(const std::function<void(KvWriter&)>& fn) = 0;
    virtual std::optional<Bytes> get(Table table, std::string_view key) = 0;
    virtual void scan(Table table,
                      const std::function<void(std::string_view key, ByteView value)>& fn) = 0;
    virtual std::uint64_t generation() = 0;
    virtual bool durable() const noexcept = 0;
};

std::unique_ptr<KeyValueStore> make_memory_kv_store();
// Opens (creating if needed) the LMDB environment in `dir`. Throws StoreError.
std::unique_ptr<KeyValueStore> make_lmdb_kv_store(const std::filesystem::path& dir);

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace craton::store
