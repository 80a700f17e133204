#pragma once
// Printing: one table per scenario, our hub beside the reference relay with the ratio
// (ours / reference), and the targets of docs/performance.md as notes (never asserted).

#include "plugin_startup.hpp"
#include "scenario.hpp"

#include <string>

namespace csc::bench {

/// Prints the table of one scenario.
void print_scenario(const scenario& sc, const hub_figures& ours, const hub_figures& ref);
/// Prints the table of the plugin startup.
void print_startup(const startup_figures& ours, const startup_figures& ref,
                   const std::string& reference_label);
/// The smoke verdict of one scenario: "" when sane, else what is wrong.
std::string smoke_problems(const scenario& sc, const hub_figures& f);

} // namespace csc::bench
