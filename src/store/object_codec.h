// The byte form of an object's attributes inside a store record.
//
// Format (version 1): u32 count, then per attribute u64 type, u8 secret flag, u32 length,
// bytes. Decoding checks every length against the buffer, so a corrupted record is an error,
// never an overread.
#pragma once

#include "core/object.h"

namespace craton::store {

SecureBytes encode_attributes(const Object& obj);
// Throws StoreError on malformed input.
ObjectPtr decode_attributes(ByteView data);

}  // namespace craton::store
