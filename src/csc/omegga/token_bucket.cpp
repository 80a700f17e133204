#include "csc/omegga/token_bucket.hpp"

#include <algorithm>

namespace csc::omegga {

token_bucket::token_bucket(double rate, double burst, clock::time_point now) noexcept
    : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}

void token_bucket::refill(clock::time_point now) noexcept {
    if (now <= last_) {
        return; // time never runs backwards for the bucket
    }
    const std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    last_ = now;
}

bool token_bucket::try_take(clock::time_point now, double cost) noexcept {
    refill(now);
    if (tokens_ < cost) {
        return false;
    }
    tokens_ -= cost;
    return true;
}

bool token_bucket::full(clock::time_point now) noexcept {
    refill(now);
    return tokens_ >= burst_;
}

double token_bucket::tokens(clock::time_point now) noexcept {
    refill(now);
    return tokens_;
}

} // namespace csc::omegga
