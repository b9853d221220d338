// The objects of one token: token objects and the session objects of its sessions.
//
// A reader/writer lock guards the table; lookups and searches share it, creation and
// destruction take it alone. C_FindObjects uses the class, CKA_ID and CKA_LABEL indexes to
// start from the smallest candidate set instead of scanning every object. Each index maps a
// value to the set of handles carrying it, so the set sizes are known without walking them: a
// search by CKA_ID among 10,000 objects of one class touches one object, not 10,000.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "core/object.h"
#include "core/template.h"

namespace craton {

class ObjectTable {
public:
    // Visibility filter applied during lookups (e.g. private objects hidden without login).
    using Visible = std::function<bool(const Object&)>;

    void insert(const ObjectPtr& obj);
    ObjectPtr find(CK_OBJECT_HANDLE handle) const;
    ObjectPtr remove(CK_OBJECT_HANDLE handle);
    // Puts `replacement` in place of the object with the same handle.
    void replace(const ObjectPtr& replacement);
    // Re-indexes after C_SetAttributeValue changed an indexed attribute.
    void reindex(const ObjectPtr& obj, const std::function<void()>& mutate);

    std::vector<CK_OBJECT_HANDLE> search(const Template& tmpl, const Visible& visible) const;
    // Removes every object for which `pred` is true and returns them.
    std::vector<ObjectPtr> remove_if(const std::function<bool(const Object&)>& pred);
    // Gives every object matching `pred` a fresh handle (private handles die at logout).
    void rehandle_if(const std::function<bool(const Object&)>& pred,
                     const std::function<CK_OBJECT_HANDLE()>& next_handle);
    std::size_t count_if(const std::function<bool(const Object&)>& pred) const;
    void clear();

private:
    using Key = std::vector<std::uint8_t>;
    void index_locked(const ObjectPtr& obj);
    void unindex_locked(const Object& obj);

    mutable std::shared_mutex mutex_;
    std::unordered_map<CK_OBJECT_HANDLE, ObjectPtr> by_handle_;
    // Handles per value; a value's entry is erased when its last handle goes.
    std::map<CK_OBJECT_CLASS, std::set<CK_OBJECT_HANDLE>> by_class_;
    std::map<Key, std::set<CK_OBJECT_HANDLE>> by_id_;
    std::map<Key, std::set<CK_OBJECT_HANDLE>> by_label_;
};

}  // namespace craton
