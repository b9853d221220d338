#include "remote/remote_state.h"

#include <mutex>
#include <utility>

#include "core/error.h"

namespace craton::remote {
namespace {

std::mutex g_mutex;
std::shared_ptr<Connection> g_connection;

}  // namespace

std::shared_ptr<Connection> connection() {
    std::lock_guard lock(g_mutex);
    if (!g_connection) fail(CKR_CRYPTOKI_NOT_INITIALIZED);
    return g_connection;
}

bool has_connection() {
    std::lock_guard lock(g_mutex);
    return g_connection != nullptr;
}

bool install_connection(std::shared_ptr<Connection> c) {
    std::lock_guard lock(g_mutex);
    if (g_connection) return false;
    g_connection = std::move(c);
    return true;
}

std::shared_ptr<Connection> remove_connection() {
    std::lock_guard lock(g_mutex);
    return std::exchange(g_connection, nullptr);
}

}  // namespace craton::remote
