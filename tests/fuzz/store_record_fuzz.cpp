// Fuzz target: what the module reads back from its token store (src/store). An LMDB directory is
// outside the module's control (a disk error, another program, an attacker with file access),
// so every record must decode or be refused: the object attribute codec (decode_attributes),
// and a token vault whose state and object records are arbitrary bytes (load_state,
// load_objects). Allowed failures: StoreError and Pkcs11Error, which the module turns into
// return codes.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "fuzz_input.h"
#include "store/kv_store.h"
#include "store/object_codec.h"
#include "store/token_vault.h"

namespace {

using craton::fuzz::FuzzInput;
namespace store = craton::store;

void decode_record(FuzzInput& in) {
    try {
        const auto obj = store::decode_attributes(in.rest());
        // A decoded object must survive being encoded again.
        (void)store::encode_attributes(*obj);
    } catch (const store::StoreError&) {
    } catch (const craton::Pkcs11Error&) {
    }
}

void load_vault(FuzzInput& in) {
    auto kv = store::make_memory_kv_store();
    store::KeyValueStore* raw = kv.get();
    store::TokenVault vault(std::move(kv));
    const auto state = in.chunk();
    const bool keep_format = (in.byte() & 1) != 0;
    const auto format = in.bytes(4);
    raw->write([&](store::KvWriter& w) {
        w.put(store::Table::Meta, "state", state);
        if (!keep_format) w.put(store::Table::Meta, "format", format);
        // Object records under 8-byte keys (the store id), or keys of other lengths.
        for (int i = 0; i < 8 && !in.empty(); ++i) {
            const auto key = in.bytes(in.byte() % 10);
            const auto record = in.chunk();
            w.put(store::Table::Objects,
                  std::string(reinterpret_cast<const char*>(key.data()), key.size()), record);
        }
    });
    try {
        (void)vault.load_state();
        (void)vault.load_objects(false);
        (void)vault.load_objects(true);  // locked vault: private records are skipped
    } catch (const store::StoreError&) {
    } catch (const craton::Pkcs11Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzInput in(data, size);
    if ((in.byte() & 1) == 0) {
        decode_record(in);
    } else {
        load_vault(in);
    }
    return 0;
}
