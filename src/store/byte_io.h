// Little-endian fixed-width writing and bounds-checked reading for store records.
//
// Every record the store writes goes through ByteWriter and every record it reads through
// ByteReader, whose reads throw StoreError instead of running past the buffer: a truncated
// or corrupted record is an error, never an overread.
#pragma once

#include <cstring>

#include "store/kv_store.h"

namespace craton::store {

template <class Buffer>
class ByteWriter {
public:
    explicit ByteWriter(Buffer& out) : out_(out) {}
    template <class T>
    void put(T v) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
        out_.insert(out_.end(), p, p + sizeof v);
    }
    void bytes(ByteView b) { out_.insert(out_.end(), b.begin(), b.end()); }

private:
    Buffer& out_;
};

class ByteReader {
public:
    explicit ByteReader(ByteView data) : data_(data) {}
    template <class T>
    T get() {
        T v;
        std::memcpy(&v, take(sizeof v).data(), sizeof v);
        return v;
    }
    ByteView take(std::size_t n) {
        if (data_.size() - pos_ < n) throw StoreError("truncated store record");
        ByteView out = data_.subspan(pos_, n);
        pos_ += n;
        return out;
    }
    bool done() const { return pos_ == data_.size(); }

private:
    ByteView data_;
    std::size_t pos_ = 0;
};

}  // namespace craton::store
