// Frames relayed as they came (protocol::append_as_encoded): whatever a link sends, every
// recipient gets exactly what the encoder writes for it, with the sender's identifier, and
// nothing a frame carried beyond the packet (spaces, escapes, duplicated or unknown keys,
// extension fields an original peer does not take) gets through.

#include "hub_fixture.hpp"

#include "csc/protocol/codec.hpp"

namespace csc::test {
namespace {

using protocol::join;
using protocol::leave;
using protocol::message;

std::size_t chat_count(const test_peer& p) {
    return p.count<join>() + p.count<leave>() + p.count<message>();
}

/// Every chat frame `p` received is the encoder's output for it, from link 1, with no
/// unknown key.
void expect_encoder_output(const test_peer& p, protocol::encode_options opts) {
    for (const std::string& frame : p.frames()) {
        const auto d = protocol::decode(frame);
        ASSERT_TRUE(d) << frame;
        const bool chat = std::holds_alternative<join>(d.value) ||
                          std::holds_alternative<leave>(d.value) ||
                          std::holds_alternative<message>(d.value);
        if (!chat) {
            continue;
        }
        EXPECT_EQ(frame + "\n", protocol::encode(d.value, opts)) << frame;
        EXPECT_EQ(protocol::origin_of(d.value), 1) << frame;
        EXPECT_EQ(frame.find("smuggled"), std::string::npos) << frame;
    }
}

TEST_F(HubFixture, FramesRelayedAsTheyCameAreExactlyTheEncodersOutput) {
    auto sender = join_network("Sender", 0, {"sanitized"});
    auto modern = join_network("Modern", 0, {"sanitized"});
    auto original = join_network("Original");
    const std::vector<std::string> sent = {
        R"({"type":"message","identifier":1,"username":"a","content":"as the encoder writes"})",
        R"({"type":"message","identifier":7,"username":"a","content":"another identifier"})",
        R"({"type":"message","identifier":1.0,"username":"a","content":"a double"})",
        R"({ "type":"message","identifier":1,"username":"a","content":"spaces" })",
        R"({"type":"message","identifier":1,"username":"a","content":"\u0065scaped"})",
        R"({"type":"message","identifier":1,"username":"a","content":"smuggled","content":"dup"})",
        R"({"type":"message","identifier":1,"username":"a","content":"b","smuggled":1})",
        R"({"smuggled":{"type":"join"},"type":"message","identifier":1,"username":"a","content":"b"})",
        R"({"type":"message","identifier":1,"username":"a","content":"&gt;","sanitized":true})",
        R"({"identifier":1,"type":"message","content":"order","username":"a"})",
        R"({"type":"message","identifier":1,"username":"<b>a</b>","content":"markup name"})",
        R"({"type":"message","identifier":1,"username":"a","content":"tab\tcontrol"})",
        R"({"type":"join","identifier":1,"username":"a","smuggled":"x"})",
        R"({"type":"leave","identifier":3,"username":"a"})",
    };
    for (const std::string& frame : sent) {
        sender->send_raw(frame + "\n");
    }
    ASSERT_TRUE(wait([&] {
        return chat_count(*modern) == sent.size() && chat_count(*original) == sent.size();
    })) << log_.dump();
    expect_encoder_output(*modern, {.extensions = true, .player_ids = false});
    expect_encoder_output(*original, {.extensions = false});
    EXPECT_EQ(original->raw().find("sanitized"), std::string::npos);
    EXPECT_EQ(modern->last<message>()->content, "tab control");
    EXPECT_EQ(modern->all<message>().at(1).content, "another identifier");
}

TEST_F(HubFixture, FramesInTheEncodersLayoutThatValidationChangesAreEncodedAgain) {
    // The layout alone does not make a frame relayable as it came: a name with markup, a
    // DEL or C1 control, or text over a cap is cleaned, and the recipients get the cleaned
    // packet's encoding.
    auto sender = join_network("Sender", 0, {"sanitized"});
    auto modern = join_network("Modern", 0, {"sanitized"});
    auto original = join_network("Original");
    const std::string long_name(70, 'n');
    const std::string long_content(5000, 'c');
    const std::vector<std::pair<std::string, std::string>> sent = {
        {"<b>a</b>", "markup in the name"},
        {"a\x7f", "DEL in the name"},
        {"a\xc2\x85", "C1 in the name"},
        {"a", "DEL\x7f in the content"},
        {"a", "C1\xc2\x9f in the content"},
        {long_name, "a name over its cap"},
        {"a", long_content},
        {"a", "<b>markup in the content stays</b>"},
    };
    for (const auto& [name, content] : sent) {
        sender->send_raw(R"({"type":"message","identifier":1,"username":")" + name +
                         R"(","content":")" + content + "\"}\n");
    }
    ASSERT_TRUE(wait([&] {
        return modern->count<message>() == sent.size() && original->count<message>() == sent.size();
    })) << log_.dump();
    expect_encoder_output(*modern, {.extensions = true, .player_ids = false});
    expect_encoder_output(*original, {.extensions = false});
    for (const test_peer* p : {modern.get(), original.get()}) {
        const auto got = p->all<message>();
        ASSERT_EQ(got.size(), sent.size());
        EXPECT_EQ(got[0].username, "ba/b");
        EXPECT_EQ(got[1].username, "a");
        EXPECT_EQ(got[2].username, "a");
        EXPECT_EQ(got[3].content, "DEL  in the content");
        EXPECT_EQ(got[4].content, "C1  in the content");
        EXPECT_EQ(got[5].username, std::string(64, 'n'));
        EXPECT_EQ(got[6].content, std::string(4096, 'c'));
        EXPECT_EQ(got[7].content, "<b>markup in the content stays</b>");
    }
}

/// The hub gathers the frames it relays as they came from one read of a sender and copies
/// them to each recipient at once: anything else it sends meanwhile (here a player list
/// between two messages of the same write) must still reach each link in the order the
/// sender wrote it, and an original peer still gets every frame.
TEST_F(HubFixture, FramesGatheredFromOneReadKeepTheirPlaceAmongOtherPackets) {
    const std::vector<std::string> with_players = {"sanitized", "players"};
    auto sender = join_network("Sender", 0, with_players);
    auto modern = join_network("Modern", 0, with_players);
    auto original = join_network("Original");
    auto other = join_network("Other", 0, {"sanitized"});
    const auto msg = [](const std::string& text) {
        return R"({"type":"message","identifier":1,"username":"a","content":")" + text + "\"}\n";
    };
    sender->send_raw(msg("one") + msg("two") +
                     protocol::encode(protocol::players{1, {{"p-1", "Ann"}}}) + msg("three"));
    other->send_raw(msg("four"));
    sender->send_raw(msg("five") + msg("six"));
    ASSERT_TRUE(wait([&] {
        return modern->count<message>() == 6 && original->count<message>() == 6;
    })) << log_.dump();

    // What Modern got from Sender, in order: the list sits between "two" and "three" (the
    // empty list before them is Sender's, given to Modern when it joined).
    const protocol::identifier sender_id = sender->last<protocol::acknowledge>()->id;
    std::vector<std::string> from_sender;
    for (const protocol::packet& p : modern->packets()) {
        if (const auto* m = std::get_if<message>(&p); m != nullptr && m->id == sender_id) {
            from_sender.push_back(m->content);
        } else if (const auto* l = std::get_if<protocol::players>(&p);
                   l != nullptr && l->id == sender_id && !l->list.empty()) {
            from_sender.push_back("(list)");
        }
    }
    EXPECT_EQ(from_sender, (std::vector<std::string>{"one", "two", "(list)", "three", "five", "six"}));

    std::vector<std::string> at_original;
    for (const message& m : original->all<message>()) {
        at_original.push_back(m.content);
    }
    // "four" comes from another link: its place against Sender's second write is not fixed.
    std::erase(at_original, "four");
    EXPECT_EQ(at_original, (std::vector<std::string>{"one", "two", "three", "five", "six"}));
    EXPECT_EQ(original->count<protocol::players>(), 0U);
}

} // namespace
} // namespace csc::test
