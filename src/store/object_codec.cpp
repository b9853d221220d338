#include "store/object_codec.h"

#include <cstring>

#include "store/byte_io.h"

namespace craton::store {

SecureBytes encode_attributes(const Object& obj) {
    SecureBytes out;
    ByteWriter w(out);
    w.put<std::uint32_t>(static_cast<std::uint32_t>(obj.attributes().size()));
    // CKA_CLASS first: decoding sets it before the attributes whose storage depends on it.
    const auto write = [&w](CK_ATTRIBUTE_TYPE type, const Object::Value& value) {
        const ByteView b = value.bytes();
        w.put<std::uint64_t>(type);
        w.put<std::uint8_t>(value.is_secret ? 1 : 0);
        w.put<std::uint32_t>(static_cast<std::uint32_t>(b.size()));
        w.bytes(b);
    };
    if (const auto it = obj.attributes().find(CKA_CLASS); it != obj.attributes().end()) {
        write(it->first, it->second);
    }
    for (const auto& [type, value] : obj.attributes()) {
        if (type != CKA_CLASS) write(type, value);
    }
    return out;
}

ObjectPtr decode_attributes(ByteView data) {
    ByteReader r(data);
    const auto count = r.get<std::uint32_t>();
    auto obj = std::make_shared<Object>();
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto type = r.get<std::uint64_t>();
        (void)r.get<std::uint8_t>();  // secret-ness follows from class and type on load
        const auto len = r.get<std::uint32_t>();
        obj->set(type, r.take(len));
    }
    if (!r.done()) throw StoreError("trailing bytes in object record");
    return obj;
}

}  // namespace craton::store
