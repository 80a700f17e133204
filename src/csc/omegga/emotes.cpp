#include "csc/omegga/emotes.hpp"

#include <algorithm>
#include <array>

namespace csc::omegga {
namespace {

// Brickadia's emote names, as Omegga lists them, sorted by byte value.
constexpr std::array known_emotes = std::to_array<std::string_view>({
    "1984", "7777", "UMG", "agony", "angeggry", "angry", "awestruck", "banhammer", "banhammerleft",
    "behaviors", "bevel", "bigbrain", "binted", "blegg", "blindegged", "blurrily", "boi",
    "boibrick", "boileft", "bonkedbrain", "boohoo", "bregg", "brick", "brickadian", "brickblue",
    "brickbot", "brickpink", "brickpurple", "brickwhite", "bunny", "burninghands", "cake", "cash",
    "cashwings", "chocolate", "clearly", "clown", "clueless", "coingold", "coinsilver", "cold",
    "concur", "contempt", "copyright", "cowboy", "cuteblush", "cutesy", "dableft", "dabright",
    "de", "dead", "deadinthewater", "degg", "delete", "egg", "egghammer", "eggpty", "eggtb",
    "eyes", "facepalm", "fear", "fire", "flushed", "forteggfied", "frog", "galaxybrain", "gold",
    "goldenturkey", "gregg", "greggory", "gun", "gunleft", "heart", "hearteyes", "horse", "hue",
    "hunterbug", "hype", "imp", "impeneggtrable", "indestreggtable", "infeggted", "ingreggted",
    "key", "laugh", "launcher", "madman", "microbrick", "missingbrick", "mods", "monocle", "moyai",
    "nice", "no", "noise", "nononono", "nononopog", "nonopog", "nopog", "omegga", "oregg",
    "peabrain", "pegg", "pensegg", "pensive", "perspeggtive", "pikachu", "pin", "ping", "playful",
    "plead", "pog", "point", "pointleft", "proteggted", "purpegg", "raisedeyebrow", "realistegg",
    "redhouse", "regg", "registered", "removesoul", "salute", "scuffed", "server", "shit", "shrug",
    "shrugleft", "sisyphus", "sleepy", "smallbrain", "smilecreepy", "smiletiny", "smileupsidedown",
    "smoothbrain", "smug", "sob", "soontm", "stickynote", "sweaty", "theorb", "thinking",
    "thumbsup", "tinfoil", "tinybrain", "tm", "trans", "trash", "unstable", "washinghands", "what",
    "whegg", "whip", "wink", "yay", "yellegg",
});

static_assert(std::is_sorted(known_emotes.begin(), known_emotes.end()),
              "known_emotes must stay sorted for binary_search");

} // namespace

bool is_emote(std::string_view name) noexcept {
    return std::binary_search(known_emotes.begin(), known_emotes.end(), name);
}

std::span<const std::string_view> emote_names() noexcept { return known_emotes; }

} // namespace csc::omegga
