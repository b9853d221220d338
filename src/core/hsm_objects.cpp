// Object management and search.
#include <algorithm>
#include <array>
#include <map>
#include <mutex>

#include "core/attribute_policy.h"
#include "core/audit_call.h"
#include "core/error.h"
#include "core/hsm.h"
#include "rng/random.h"

namespace craton {

bool Hsm::can_see(const Session& session, const Object& obj) {
    return !obj.is_private() || session.user_logged_in();
}

ObjectPtr Hsm::visible_object(const Session& session, CK_OBJECT_HANDLE handle) const {
    ObjectPtr obj = const_cast<Token&>(session.token()).objects().find(handle);
    if (!obj || !can_see(session, *obj)) fail(CKR_OBJECT_HANDLE_INVALID);
    return obj;
}

ObjectPtr Hsm::visible_key(const Session& session, CK_OBJECT_HANDLE handle) const {
    ObjectPtr obj = const_cast<Token&>(session.token()).objects().find(handle);
    if (!obj || !can_see(session, *obj)) fail(CKR_KEY_HANDLE_INVALID);
    return obj;
}

void Hsm::check_may_create(const Session& session, bool token, bool priv) {
    if (token && !session.read_write()) fail(CKR_SESSION_READ_ONLY);
    if (priv && !session.user_logged_in()) fail(CKR_USER_NOT_LOGGED_IN);
}

namespace {
// CKA_UNIQUE_ID (PKCS#11 3.0): 128 random bits in hex, unique across tokens and restarts
// without a counter that would have to be persisted and coordinated between processes.
Bytes new_unique_id() {
    std::array<std::uint8_t, 16> raw{};
    rng::random_bytes(raw);
    static constexpr char kHex[] = "0123456789abcdef";
    Bytes out;
    out.reserve(2 * raw.size());
    for (std::uint8_t b : raw) {
        out.push_back(static_cast<std::uint8_t>(kHex[b >> 4]));
        out.push_back(static_cast<std::uint8_t>(kHex[b & 0x0f]));
    }
    return out;
}

// Changing or destroying an object needs the same rights as creating it.
void check_may_modify(const Session& session, const Object& obj) {
    Hsm::check_may_create(session, obj.is_token(), obj.is_private());
}
}  // namespace

CK_OBJECT_HANDLE Hsm::store_new_object(Session& session, const ObjectPtr& obj) {
    obj->set_handle(next_object_handle());
    // Every new object, a copy included, gets its own identifier from the token.
    obj->set(CKA_UNIQUE_ID, new_unique_id());
    if (!obj->is_token()) {
        // Under the session's mutex, which a close holds while it removes the session's objects:
        // an object created by a call that raced C_CloseSession/C_CloseAllSessions would
        // otherwise outlive its session, owned by a handle nobody can close any more.
        std::lock_guard lock(session.mutex());
        if (session.closed()) fail(CKR_SESSION_CLOSED);
        obj->set_owner_session(session.handle());
        session.token().objects().insert(obj);
        return obj->handle();
    }
    if (session.token().vault().durable()) {
        // Persist first: an object whose creation returned CKR_OK must survive a crash.
        std::uint64_t id = 0;
        while (id == 0)
            rng::random_bytes(
                std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(&id), sizeof id));
        obj->set_store_id(id);
        session.token().vault().put_object(*obj);
    }
    session.token().objects().insert(obj);
    return obj->handle();
}

void Hsm::sync_token(Token& token) {
    if (!token.vault().durable()) return;
    std::lock_guard auth(token.auth_mutex());
    if (!token.refresh_from_store() &&
        token.loaded_generation() != static_cast<std::uint64_t>(-1)) {
        return;
    }
    const std::uint64_t generation = token.vault().generation();
    std::map<std::uint64_t, CK_OBJECT_HANDLE> handles;
    for (const auto& obj :
         token.objects().remove_if([](const Object& o) { return o.is_token(); })) {
        handles[obj->store_id()] = obj->handle();
    }
    for (auto& obj : token.vault().load_objects(token.logged_in() == CKU_USER)) {
        const auto it = handles.find(obj->store_id());
        obj->set_handle(it != handles.end() ? it->second : next_object_handle());
        token.objects().insert(obj);
    }
    token.set_loaded_generation(generation);
}

CK_OBJECT_HANDLE Hsm::create_object(CK_SESSION_HANDLE handle, const Template& tmpl) {
    AuditCall audit(*this, "C_CreateObject", handle);
    SessionPtr s = sessions_.get(handle);
    NewObjectContext ctx;
    ctx.path = CreationPath::Create;
    ctx.so_logged_in = s->so_logged_in();
    ObjectPtr obj = AttributePolicy::build(tmpl, ctx);
    check_may_create(*s, obj->is_token(), obj->is_private());
    return audit.object(store_new_object(*s, obj));
}

CK_OBJECT_HANDLE Hsm::copy_object(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object,
                                  const Template& tmpl) {
    AuditCall audit(*this, "C_CopyObject", handle);
    audit.object(object);
    SessionPtr s = sessions_.get(handle);
    ObjectPtr source = visible_object(*s, object);
    ObjectPtr copy = AttributePolicy::copy(*source, tmpl, s->so_logged_in());
    check_may_create(*s, copy->is_token(), copy->is_private());
    copy->set_owner_session(CK_INVALID_HANDLE);
    return audit.object(store_new_object(*s, copy));
}

void Hsm::destroy_object(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object) {
    AuditCall audit(*this, "C_DestroyObject", handle);
    audit.object(object);
    SessionPtr s = sessions_.get(handle);
    ObjectPtr obj = visible_object(*s, object);
    check_may_modify(*s, *obj);
    if (!obj->get_bool(CKA_DESTROYABLE, true)) fail(CKR_ACTION_PROHIBITED);
    if (obj->is_token() && s->token().vault().durable()) {
        s->token().vault().remove_object(obj->store_id());
    }
    s->token().objects().remove(object);
    // An operation started with the key must not outlive it (its parsed key would keep the
    // destroyed material usable): end those operations in every session of the token.
    for (const auto& other : sessions_.of(s->token())) {
        std::lock_guard lock(other->mutex());
        other->end_using_key(object);
    }
}

CK_ULONG Hsm::object_size(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object) {
    SessionPtr s = sessions_.get(handle);
    return visible_object(*s, object)->size();
}

CK_RV Hsm::get_attributes(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object, CK_ATTRIBUTE* attrs,
                          CK_ULONG count) {
    SessionPtr s = sessions_.get(handle);
    ObjectPtr obj = visible_object(*s, object);
    if (count != 0 && attrs == nullptr) fail(CKR_ARGUMENTS_BAD);
    return AttributePolicy::get_attributes(*obj, attrs, count);
}

void Hsm::set_attributes(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object, const Template& tmpl) {
    AuditCall audit(*this, "C_SetAttributeValue", handle);
    audit.object(object);
    SessionPtr s = sessions_.get(handle);
    ObjectPtr obj = visible_object(*s, object);
    check_may_modify(*s, *obj);
    if (obj->is_token() && s->token().vault().durable()) {
        // Change a copy, persist it, then swap it in: a failed write leaves the object as it was.
        auto changed = std::make_shared<Object>(*obj);
        changed->set_handle(obj->handle());
        changed->set_store_id(obj->store_id());
        AttributePolicy::set_attributes(*changed, tmpl, s->so_logged_in());
        s->token().vault().put_object(*changed);
        s->token().objects().replace(changed);
        return;
    }
    s->token().objects().reindex(
        obj, [&] { AttributePolicy::set_attributes(*obj, tmpl, s->so_logged_in()); });
}

void Hsm::find_init(CK_SESSION_HANDLE handle, const Template& tmpl) {
    SessionPtr s = sessions_.get(handle);
    sync_token(s->token());
    std::lock_guard lock(s->mutex());
    if (s->active(OpKind::Find) != nullptr) fail(CKR_OPERATION_ACTIVE);
    auto op = std::make_unique<FindOperation>();
    const Session& session = *s;
    op->results = s->token().objects().search(
        tmpl, [&session](const Object& o) { return can_see(session, o); });
    // Handles in creation order make results stable for callers that page through them.
    std::sort(op->results.begin(), op->results.end());
    s->start(OpKind::Find, std::move(op));
}

CK_ULONG Hsm::find(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE* out, CK_ULONG max) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    auto* op = s->active_as<FindOperation>(OpKind::Find);
    if (op == nullptr) fail(CKR_OPERATION_NOT_INITIALIZED);
    CK_ULONG n = 0;
    while (n < max && op->next < op->results.size()) out[n++] = op->results[op->next++];
    return n;
}

void Hsm::find_final(CK_SESSION_HANDLE handle) {
    SessionPtr s = sessions_.get(handle);
    std::lock_guard lock(s->mutex());
    if (s->active(OpKind::Find) == nullptr) fail(CKR_OPERATION_NOT_INITIALIZED);
    s->end(OpKind::Find);
}

}  // namespace craton
