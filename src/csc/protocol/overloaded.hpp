#pragma once
// The usual visitor helper for std::visit over a set of lambdas.

namespace csc::protocol {

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};
// Spelled out for compilers without aggregate deduction (clang before 17, used for fuzzing).
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

} // namespace csc::protocol
