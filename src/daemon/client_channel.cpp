#include "daemon/client_channel.h"

namespace craton::daemon {

bool is_channel_id(std::string_view id) {
    // Bounded and plain so the key cannot grow the registry without limit or inject text into
    // log lines.
    if (id.size() < 16 || id.size() > 64) return false;
    for (char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

std::string channel_id_of(const grpc::ServerContext& context) {
    const auto& metadata = context.client_metadata();
    const auto it = metadata.find(kChannelIdMetadata);
    if (it == metadata.end()) return {};
    const std::string_view id(it->second.data(), it->second.size());
    return is_channel_id(id) ? std::string(id) : std::string();
}

std::string session_owner_of(const std::string& fingerprint, const grpc::ServerContext& context) {
    const std::string channel = channel_id_of(context);
    return channel.empty() ? fingerprint : fingerprint + "#" + channel;
}

}  // namespace craton::daemon
