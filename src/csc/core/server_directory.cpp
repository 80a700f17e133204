#include "csc/core/server_directory.hpp"

#include <algorithm>

namespace csc::core {

void server_directory::upsert(server s) {
    auto it = std::find_if(servers_.begin(), servers_.end(),
                           [&](const server& e) { return e.id == s.id; });
    if (it != servers_.end()) {
        *it = std::move(s);
    } else {
        servers_.push_back(std::move(s));
    }
}

std::optional<server> server_directory::remove(protocol::identifier id) {
    auto it = std::find_if(servers_.begin(), servers_.end(),
                           [&](const server& e) { return e.id == id; });
    if (it == servers_.end()) {
        return std::nullopt;
    }
    server removed = std::move(*it);
    servers_.erase(it);
    return removed;
}

const server* server_directory::find(protocol::identifier id) const {
    auto it = std::find_if(servers_.begin(), servers_.end(),
                           [&](const server& e) { return e.id == id; });
    return it == servers_.end() ? nullptr : &*it;
}

} // namespace csc::core
