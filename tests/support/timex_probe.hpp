// Test support: the timexes find_timexes reports for a text, as plain strings, for the
// TIMEX3 tests that check them value by value.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "time/time.hpp"

namespace parley::test_support {

struct Found {
    std::string text, type, value, mod;
};

inline std::vector<Found> tag(std::string_view text, std::string_view dct) {
    std::vector<Found> out;
    for (const Timex& t : find_timexes(text, dct))
        out.push_back({std::string(text.substr(t.span.start, t.span.size())), t.type, t.value, t.mod});
    return out;
}

// The single timex whose text is `span` (fails the test when absent).
inline Found only(std::string_view text, std::string_view dct, std::string_view span) {
    for (const Found& f : tag(text, dct))
        if (f.text == span) return f;
    ADD_FAILURE() << "no timex '" << span << "' in: " << text;
    return {};
}

}  // namespace parley::test_support
