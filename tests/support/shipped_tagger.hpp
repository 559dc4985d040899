// Test support: the shipped tagger model, loaded once for all the tagger tests.
#pragma once

#include <string>

#include "text/learn.hpp"

namespace parley::test_support {

inline const text::TaggerModel& shipped_tagger() {
    static const text::TaggerModel m = text::load_tagger(std::string(PARLEY_SOURCE_DIR) + "/models/tagger.bin");
    return m;
}

}  // namespace parley::test_support
