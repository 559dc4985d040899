// Test support for the parser tests: sentences written inline as "form/XPOS/head/deprel",
// a small hand-made treebank, parsing one sentence, and the check that heads form a tree.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "text/learn.hpp"

namespace parley::test_support {

// One sentence from "form/XPOS/head/deprel" items; heads 1-based as in CoNLL-U, 0 = root.
inline text::ConllSentence sentence(const std::string& spec) {
    text::ConllSentence s;
    std::istringstream in(spec);
    std::string item;
    while (in >> item) {
        std::vector<std::string> parts;
        size_t start = 0;
        for (size_t slash; (slash = item.find('/', start)) != std::string::npos; start = slash + 1)
            parts.push_back(item.substr(start, slash - start));
        parts.push_back(item.substr(start));
        EXPECT_EQ(parts.size(), 4U) << item;
        if (parts.size() != 4) continue;
        text::Word w;
        w.form = parts[0];
        w.xpos = parts[1];
        w.upos = parts[1];
        w.head = std::stoi(parts[2]) - 1;
        w.deprel = parts[3];
        s.words.push_back(w);
    }
    return s;
}

inline std::vector<text::ConllSentence> small_treebank() {
    return {
        sentence("The/DT/2/det minister/NN/3/nsubj resigned/VBD/0/root ././3/punct"),
        sentence("Police/NNS/2/nsubj arrested/VBD/0/root two/CD/4/nummod men/NNS/2/obj "
                 "in/IN/6/case Paris/NNP/2/obl ././2/punct"),
        sentence("She/PRP/2/nsubj said/VBD/0/root the/DT/4/det talks/NNS/5/nsubj "
                 "failed/VBD/2/ccomp ././2/punct"),
        sentence("The/DT/2/det army/NN/3/nsubj denied/VBD/0/root the/DT/5/det report/NN/3/obj "
                 "on/IN/7/case Monday/NNP/3/obl ././3/punct"),
    };
}

struct Parse {
    std::vector<int> heads;
    std::vector<std::string> deprels;
};

inline Parse parse(const text::ParserModel& m, const text::ConllSentence& s) {
    std::vector<std::string_view> forms, xpos, upos;
    for (const auto& w : s.words) forms.push_back(w.form), xpos.push_back(w.xpos), upos.push_back(w.upos);
    Parse p;
    std::vector<uint16_t> labels;
    text::parse_words(m, forms, xpos, upos, p.heads, labels);
    for (uint16_t l : labels) p.deprels.push_back(m.deprels.at(l));
    return p;
}

// One root, heads inside the sentence, and every word reaches the root without a cycle.
inline void expect_tree(const std::vector<int>& heads) {
    int n = int(heads.size()), roots = 0;
    for (int i = 0; i < n; ++i) {
        ASSERT_GE(heads[size_t(i)], -1);
        ASSERT_LT(heads[size_t(i)], n);
        ASSERT_NE(heads[size_t(i)], i);
        roots += heads[size_t(i)] == -1;
        int x = i, steps = 0;
        while (x != -1 && steps++ <= n) x = heads[size_t(x)];
        ASSERT_EQ(x, -1) << "word " << i << " is on a cycle";
    }
    EXPECT_EQ(roots, 1);
}

inline text::TrainOptions quiet_training(int epochs, uint32_t seed) {
    text::TrainOptions o;
    o.epochs = epochs;
    o.seed = seed;
    o.verbose = false;
    return o;
}

}  // namespace parley::test_support
