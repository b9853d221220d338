#include "core/object_table.h"

#include <cstring>
#include <mutex>

#include "core/attribute_policy.h"

namespace craton {
namespace {
using Key = std::vector<std::uint8_t>;

Key key_of(const Object& obj, CK_ATTRIBUTE_TYPE type) {
    const auto v = obj.get(type);
    return v ? Key(v->begin(), v->end()) : Key{};
}

template <class Map, class K>
void erase_pair(Map& map, const K& key, CK_OBJECT_HANDLE handle) {
    const auto it = map.find(key);
    if (it == map.end()) return;
    it->second.erase(handle);
    if (it->second.empty()) map.erase(it);
}
}  // namespace

void ObjectTable::index_locked(const ObjectPtr& obj) {
    const auto h = obj->handle();
    by_class_[obj->object_class()].insert(h);
    by_id_[key_of(*obj, CKA_ID)].insert(h);
    by_label_[key_of(*obj, CKA_LABEL)].insert(h);
}

void ObjectTable::unindex_locked(const Object& obj) {
    const auto h = obj.handle();
    erase_pair(by_class_, obj.object_class(), h);
    erase_pair(by_id_, key_of(obj, CKA_ID), h);
    erase_pair(by_label_, key_of(obj, CKA_LABEL), h);
}

void ObjectTable::insert(const ObjectPtr& obj) {
    std::unique_lock lock(mutex_);
    by_handle_[obj->handle()] = obj;
    index_locked(obj);
}

ObjectPtr ObjectTable::find(CK_OBJECT_HANDLE handle) const {
    std::shared_lock lock(mutex_);
    const auto it = by_handle_.find(handle);
    return it == by_handle_.end() ? nullptr : it->second;
}

ObjectPtr ObjectTable::remove(CK_OBJECT_HANDLE handle) {
    std::unique_lock lock(mutex_);
    const auto it = by_handle_.find(handle);
    if (it == by_handle_.end()) return nullptr;
    ObjectPtr obj = it->second;
    unindex_locked(*obj);
    by_handle_.erase(it);
    return obj;
}

void ObjectTable::replace(const ObjectPtr& replacement) {
    std::unique_lock lock(mutex_);
    const auto it = by_handle_.find(replacement->handle());
    if (it != by_handle_.end()) {
        unindex_locked(*it->second);
        it->second = replacement;
    } else {
        by_handle_[replacement->handle()] = replacement;
    }
    index_locked(replacement);
}

void ObjectTable::reindex(const ObjectPtr& obj, const std::function<void()>& mutate) {
    std::unique_lock lock(mutex_);
    unindex_locked(*obj);
    try {
        mutate();
    } catch (...) {
        index_locked(obj);
        throw;
    }
    index_locked(obj);
}

std::vector<CK_OBJECT_HANDLE> ObjectTable::search(const Template& tmpl,
                                                  const Visible& visible) const {
    std::shared_lock lock(mutex_);
    // Start from the narrowest index the template allows. A value no object has means an
    // empty result without looking further.
    static const std::set<CK_OBJECT_HANDLE> kNone;
    const std::set<CK_OBJECT_HANDLE>* candidates = nullptr;
    auto consider = [&candidates](const auto& index, const auto& key) {
        const auto it = index.find(key);
        const auto* set = it == index.end() ? &kNone : &it->second;
        if (candidates == nullptr || set->size() < candidates->size()) candidates = set;
    };
    if (const auto* e = tmpl.find(CKA_ID)) consider(by_id_, Key(e->value.begin(), e->value.end()));
    if (const auto* e = tmpl.find(CKA_LABEL)) {
        consider(by_label_, Key(e->value.begin(), e->value.end()));
    }
    if (const auto* e = tmpl.find(CKA_CLASS); e != nullptr && e->value.size() == sizeof(CK_ULONG)) {
        CK_OBJECT_CLASS cls;
        std::memcpy(&cls, e->value.data(), sizeof cls);
        consider(by_class_, cls);
    }
    std::vector<CK_OBJECT_HANDLE> out;
    auto test = [&](const ObjectPtr& obj) {
        if (visible(*obj) && AttributePolicy::matches(*obj, tmpl)) out.push_back(obj->handle());
    };
    if (candidates != nullptr) {
        for (auto h : *candidates) {
            const auto it = by_handle_.find(h);
            if (it != by_handle_.end()) test(it->second);
        }
    } else {
        for (const auto& [h, obj] : by_handle_) test(obj);
    }
    return out;
}

std::vector<ObjectPtr> ObjectTable::remove_if(const std::function<bool(const Object&)>& pred) {
    std::unique_lock lock(mutex_);
    std::vector<ObjectPtr> removed;
    for (auto it = by_handle_.begin(); it != by_handle_.end();) {
        if (pred(*it->second)) {
            unindex_locked(*it->second);
            removed.push_back(it->second);
            it = by_handle_.erase(it);
        } else {
            ++it;
        }
    }
    return removed;
}

void ObjectTable::rehandle_if(const std::function<bool(const Object&)>& pred,
                              const std::function<CK_OBJECT_HANDLE()>& next_handle) {
    std::unique_lock lock(mutex_);
    std::vector<ObjectPtr> moved;
    for (auto it = by_handle_.begin(); it != by_handle_.end();) {
        if (pred(*it->second)) {
            unindex_locked(*it->second);
            moved.push_back(it->second);
            it = by_handle_.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& obj : moved) {
        obj->set_handle(next_handle());
        by_handle_[obj->handle()] = obj;
        index_locked(obj);
    }
}

std::size_t ObjectTable::count_if(const std::function<bool(const Object&)>& pred) const {
    std::shared_lock lock(mutex_);
    std::size_t n = 0;
    for (const auto& [h, obj] : by_handle_) n += pred(*obj) ? 1 : 0;
    return n;
}

void ObjectTable::clear() {
    std::unique_lock lock(mutex_);
    by_handle_.clear();
    by_class_.clear();
    by_id_.clear();
    by_label_.clear();
}

}  // namespace craton
