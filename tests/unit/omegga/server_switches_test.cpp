#include "csc/omegga/server_switches.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace {

using namespace csc::omegga;
using json = nlohmann::json;

TEST(ServerSwitches, NothingStoredGivesTheConfig) {
    plugin_config c;
    c.muted = true;
    EXPECT_EQ(restore_switches(nullptr, c), (server_switches{true, false}));
    EXPECT_EQ(restore_switches("junk", c), (server_switches{true, false}));
    EXPECT_EQ(restore_switches(json::object(), c), (server_switches{true, false}));
}

TEST(ServerSwitches, AStoredSwitchWinsWhileTheConfigIsUnchanged) {
    plugin_config c;
    const json stored = stored_switches({true, true}, c);
    EXPECT_EQ(stored, json({{"muted", true},
                            {"deafened", true},
                            {"configMuted", false},
                            {"configDeafened", false}}));
    EXPECT_EQ(restore_switches(stored, c), (server_switches{true, true}));
}

TEST(ServerSwitches, AnOwnerEditingTheConfigOverridesTheStoredSwitch) {
    plugin_config before;
    const json stored = stored_switches({true, false}, before); // /csc mute, config unmuted
    plugin_config after;
    after.muted = true;    // the owner now starts muted: same as stored, stays muted
    after.deafened = true; // and deafened, against a switch stored with deafened false
    EXPECT_EQ(restore_switches(stored, after), (server_switches{true, true}));
    plugin_config unmuted_again;
    const json muted_in_config = stored_switches({false, false}, after); // /csc unmute
    EXPECT_EQ(restore_switches(muted_in_config, after), (server_switches{false, false}));
    EXPECT_EQ(restore_switches(muted_in_config, unmuted_again), (server_switches{false, false}));
}

TEST(ServerSwitches, MalformedFieldsFallBackOneByOne) {
    plugin_config c;
    const json stored{{"muted", "yes"}, {"configMuted", false}, {"deafened", true},
                      {"configDeafened", false}};
    EXPECT_EQ(restore_switches(stored, c), (server_switches{false, true}));
}

} // namespace
