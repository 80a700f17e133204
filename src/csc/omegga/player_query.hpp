#pragma once
// What a player types to name another player: `NAME`, or `NAME@SERVER` to pick a server when
// the same name is online on several. SERVER is a server's ID (as `/csc list` shows it), its
// prefix (with or without the brackets around it) or its name (with or without spaces), any
// case; the start of a name is enough when only one server's name starts so. Pure functions,
// no plugin state: the plugin gives the servers it knows as labels.

#include "csc/protocol/packet.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::omegga {

/// A server as a qualifier can name it.
struct server_label {
    protocol::identifier key = 0; ///< how the caller knows it (the plugin's view id)
    protocol::identifier id = 0;  ///< the id players see in `/csc list`
    bool has_id = true;           ///< false when we do not know our own id yet
    std::string prefix;
    std::string name;
};

/// A query split at its last `@`.
struct qualified_query {
    std::string_view name;
    std::string_view server;
};

/// `query` as NAME@SERVER, or nothing when it has no `@` or either side is empty.
std::optional<qualified_query> split_qualified(std::string_view query);

/// The keys of the servers `qualifier` names: the server whose ID it is, if any; otherwise
/// those whose prefix, bare prefix, name or name without spaces it equals (any case);
/// otherwise those whose name, with or without spaces, starts with it. Empty: none.
std::vector<protocol::identifier> match_servers(std::string_view qualifier,
                                                const std::vector<server_label>& servers);

/// The shortest thing to type after `@` that names `server` alone among `servers`: its bare
/// prefix, else its name without spaces, else its ID (empty when none of them does).
std::string typeable_qualifier(const server_label& server,
                               const std::vector<server_label>& servers);

/// `prefix` without the ASCII punctuation and spaces around it (`[EU]` gives `EU`).
std::string_view bare_prefix(std::string_view prefix) noexcept;

} // namespace csc::omegga
