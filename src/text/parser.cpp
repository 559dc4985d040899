// Dependency parser: greedy arc-eager transitions with labelled arcs, scored by an averaged
// perceptron over Zhang & Nivre (2011)-style feature templates (words, tags, labels,
// distance, valency and label sets around the stack top and the buffer front), and trained
// with Goldberg & Nivre's (2012) dynamic oracle so it learns to recover from its own
// mistakes. Position 0 is an artificial root that may take exactly one dependent.
#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "text/learn.hpp"
#include "util/util.hpp"

namespace parley::text {
namespace {

enum Move : int { kShift = 0, kReduce = 1 };  // then LEFT-l = 2 + 2l, RIGHT-l = 3 + 2l
inline bool is_left(int t) { return t >= 2 && (t & 1) == 0; }
inline bool is_right(int t) { return t >= 2 && (t & 1) == 1; }
inline int label_of(int t) { return (t - 2) / 2; }

constexpr uint64_t kNone = 0xABCDEF01ULL;  // value for an absent position
constexpr uint64_t kRootWord = 0x524F4F54ULL;

// The words of a sentence as the parser sees them; index 0 is the root.
struct Input {
    std::vector<uint64_t> w, p;  // lower-cased word id, tag id
    std::vector<uint64_t> u, x;  // universal tag id, id of the last three letters
    std::vector<uint16_t> c;     // word-cluster path code (0 = not in the table)
    bool robust = true;          // feature set 2: also the suffix and universal-tag templates
    bool clustered = false;      // feature set 3: also the word-cluster templates
};

struct State {
    int n = 0;  // words, excluding the root
    std::vector<int> stack;
    int b = 1;  // buffer front; the buffer is b..n
    std::vector<int> head, label, lc1, lc2, rc1, rc2, nl, nr;
    std::vector<uint64_t> lset, rset;
    // Bumped whenever a word gains a head or a dependent: the features that read only the
    // stack top (its word, head, children, valency, label sets) change only then.
    std::vector<uint32_t> version;
    bool root_taken = false;

    explicit State(int words) : n(words) {
        size_t sz = size_t(words) + 1;
        head.assign(sz, -1);
        label.assign(sz, -1);
        lc1.assign(sz, -1);
        lc2.assign(sz, -1);
        rc1.assign(sz, -1);
        rc2.assign(sz, -1);
        nl.assign(sz, 0);
        nr.assign(sz, 0);
        lset.assign(sz, 0);
        rset.assign(sz, 0);
        version.assign(sz, 0);
        stack.reserve(sz);
        stack.push_back(0);
    }
    bool done() const { return b > n; }
    int s0() const { return stack.empty() ? -1 : stack.back(); }

    void add_arc(int h, int d, int l) {
        head[d] = h;
        label[d] = l;
        ++version[size_t(h)];
        ++version[size_t(d)];
        if (h == 0) root_taken = true;
        if (d < h) {
            lc2[h] = lc1[h];
            lc1[h] = d;
            ++nl[h];
            lset[h] |= uint64_t(1) << (l & 63);
        } else {
            rc2[h] = rc1[h];
            rc1[h] = d;
            ++nr[h];
            rset[h] |= uint64_t(1) << (l & 63);
        }
    }
    bool valid(int t) const {
        int s = s0();
        if (t == kShift) return !done();
        if (t == kReduce) return s > 0 && head[s] != -1;
        if (done()) return false;
        if (is_left(t)) return s > 0 && head[s] == -1;
        return s >= 0 && !(s == 0 && root_taken);
    }
    void apply(int t) {
        int s = s0();
        if (t == kShift) {
            stack.push_back(b++);
        } else if (t == kReduce) {
            stack.pop_back();
        } else if (is_left(t)) {
            add_arc(b, s, label_of(t));
            stack.pop_back();
        } else {
            add_arc(s, b, label_of(t));
            stack.push_back(b++);
        }
    }
};

uint64_t dist_bucket(int d) {
    if (d <= 4) return uint64_t(d);
    if (d <= 6) return 5;
    if (d <= 9) return 6;
    return 7;
}

// Feature keys of a state, in three groups so that parse_words can keep partial scores
// across transitions instead of looking the same features up again:
//  - `fb`: templates that read only the buffer's first three words (and the bias). The
//    buffer front stays put on LEFT and REDUCE.
//  - `fs`: templates that read only the stack top and its own head and children. A word's
//    head and children change only when it gains an arc, so when a word comes back to the
//    top of the stack unchanged (after a REDUCE or LEFT) its earlier sums still hold.
//  - `fn`: templates that read only the buffer front and its left children (valency,
//    label set). They change on LEFT (a new child) but not on REDUCE.
//  - `f`: the rest (pairs of stack and buffer items, distance, s1, the root flag).
// `with_buffer` / `with_top` / `with_front` / `with_rest` false skip a group whose sums
// are already kept (per buffer front or word version in the greedy decoder, per key in the
// beam). Template numbers do not depend on the grouping, so a model scores the same either
// way; greedy training passes one vector for all groups.
void features(const Input& in, const State& st, std::vector<uint64_t>& f, std::vector<uint64_t>& fb,
              std::vector<uint64_t>& fs, std::vector<uint64_t>& fn, bool with_buffer, bool with_top,
              bool with_front, bool with_rest = true) {
    f.clear();
    if (&fb != &f) fb.clear();
    if (&fs != &f) fs.clear();
    if (&fn != &f) fn.clear();
    auto W = [&](int x) { return x < 0 ? kNone : in.w[size_t(x)]; };
    auto P = [&](int x) { return x < 0 ? kNone : in.p[size_t(x)]; };
    auto L = [&](int x) { return x < 0 || st.label[size_t(x)] < 0 ? kNone : uint64_t(st.label[size_t(x)]); };
    int s0 = st.s0();
    int s1 = st.stack.size() >= 2 ? st.stack[st.stack.size() - 2] : -1;
    int n0 = st.done() ? -1 : st.b;
    int n1 = st.b + 1 <= st.n ? st.b + 1 : -1;
    int n2 = st.b + 2 <= st.n ? st.b + 2 : -1;
    int s0h = s0 >= 0 ? st.head[size_t(s0)] : -1;
    int s0h2 = s0h >= 0 ? st.head[size_t(s0h)] : -1;
    int s0l = s0 >= 0 ? st.lc1[size_t(s0)] : -1, s0l2 = s0 >= 0 ? st.lc2[size_t(s0)] : -1;
    int s0r = s0 >= 0 ? st.rc1[size_t(s0)] : -1, s0r2 = s0 >= 0 ? st.rc2[size_t(s0)] : -1;
    int n0l = n0 >= 0 ? st.lc1[size_t(n0)] : -1, n0l2 = n0 >= 0 ? st.lc2[size_t(n0)] : -1;
    uint64_t s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0), n1w = W(n1), n1p = P(n1), n2w = W(n2), n2p = P(n2);
    uint64_t s0wp = feat(0, s0w, s0p), n0wp = feat(0, n0w, n0p), n1wp = feat(0, n1w, n1p), n2wp = feat(0, n2w, n2p);
    uint64_t d = (s0 >= 0 && n0 >= 0) ? dist_bucket(n0 - s0) : kNone;
    uint64_t s0vl = s0 >= 0 ? uint64_t(st.nl[size_t(s0)]) : kNone, s0vr = s0 >= 0 ? uint64_t(st.nr[size_t(s0)]) : kNone;
    uint64_t n0vl = n0 >= 0 ? uint64_t(st.nl[size_t(n0)]) : kNone;
    uint64_t s0sl = s0 >= 0 ? st.lset[size_t(s0)] : kNone, s0sr = s0 >= 0 ? st.rset[size_t(s0)] : kNone;
    uint64_t n0sl = n0 >= 0 ? st.lset[size_t(n0)] : kNone;
    uint64_t t = 1;
    // Every template takes the next id whether or not its group is wanted, so a feature's
    // key does not depend on which groups a caller asked for.
    auto put = [&](bool wanted, std::vector<uint64_t>& to, uint64_t a, uint64_t b, uint64_t c) {
        if (wanted) to.push_back(feat(t, a, b, c));
        ++t;
    };
    auto add = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) { put(with_rest, f, a, b, c); };
    auto addb = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) { put(with_buffer, fb, a, b, c); };
    auto adds = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) { put(with_top, fs, a, b, c); };
    auto addn = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) { put(with_front, fn, a, b, c); };
    addb(1);
    // single words
    adds(s0wp), adds(s0w), adds(s0p), addb(n0wp), addb(n0w), addb(n0p);
    addb(n1wp), addb(n1w), addb(n1p), addb(n2wp), addb(n2w), addb(n2p);
    // word pairs
    add(s0wp, n0wp), add(s0wp, n0w), add(s0w, n0wp), add(s0wp, n0p), add(s0p, n0wp), add(s0w, n0w);
    add(s0p, n0p), addb(n0p, n1p);
    // three words
    addb(n0p, n1p, n2p), add(s0p, n0p, n1p), add(P(s0h), s0p, n0p), add(s0p, P(s0l), n0p);
    add(s0p, P(s0r), n0p), add(s0p, n0p, P(n0l));
    // distance
    add(s0w, d), add(s0p, d), add(n0w, d), add(n0p, d), add(s0w, n0w, d), add(s0p, n0p, d);
    // valency
    adds(s0w, s0vr), adds(s0p, s0vr), adds(s0w, s0vl), adds(s0p, s0vl), addn(n0w, n0vl), addn(n0p, n0vl);
    // unigrams of heads and children
    adds(W(s0h)), adds(P(s0h)), adds(L(s0)), adds(W(s0l)), adds(P(s0l)), adds(L(s0l));
    adds(W(s0r)), adds(P(s0r)), adds(L(s0r)), addn(W(n0l)), addn(P(n0l)), addn(L(n0l));
    // third order
    adds(W(s0h2)), adds(P(s0h2)), adds(L(s0h)), adds(W(s0l2)), adds(P(s0l2)), adds(L(s0l2));
    adds(W(s0r2)), adds(P(s0r2)), adds(L(s0r2)), addn(W(n0l2)), addn(P(n0l2)), addn(L(n0l2));
    adds(s0p, P(s0l), P(s0l2)), adds(s0p, P(s0r), P(s0r2)), adds(s0p, P(s0h), P(s0h2)), addn(n0p, P(n0l), P(n0l2));
    // label sets
    adds(s0w, s0sr), adds(s0p, s0sr), adds(s0w, s0sl), adds(s0p, s0sl), addn(n0w, n0sl), addn(n0p, n0sl);
    // beyond Zhang & Nivre: the second stack item, and whether the root is still free
    add(P(s1), s0p, n0p), add(W(s1), P(s1)), add(P(s1), n0p), add(st.root_taken, s0 == 0, n0p);
    add(s0p, n0p, L(s0)), addb(n0w, n1w), add(s0w, n0p, n1p);
    // Robustness to tagging errors: the last three letters of s0 and n0 (the word's shape
    // when its tag is wrong, e.g. "-ed", "-ly") and the universal tags, which the tagger
    // gets right more often than the fine-grained ones. Measured on dev with predicted
    // tags: LAS 81.66 -> 82.07 (docs/bench/text_parser.md). Older models (feature set 1)
    // have no weights for them, so they are not looked up at all.
    if (!in.robust) return;
    auto U = [&](int x) { return x < 0 ? kNone : in.u[size_t(x)]; };
    auto X = [&](int x) { return x < 0 ? kNone : in.x[size_t(x)]; };
    adds(X(s0)), addb(X(n0)), addb(X(n0), n0p), adds(U(s0)), addb(U(n0)), addb(U(n1)), adds(U(s0h));
    add(U(s0), U(n0));
    // Feature set 3: word clusters (Koo et al. 2008): 4- and 6-bit path prefixes act as
    // coarse word classes learnt from a large corpus, the whole path as a word-like
    // feature that generalises to words the treebank never showed. They sit in the same
    // groups as the word templates they mirror, so the partial-score caches still apply.
    if (!in.clustered) return;
    auto C = [&](int x, int bits) { return x < 0 ? kNone : uint64_t(cluster_prefix(in.c[size_t(x)], bits)); };
    adds(C(s0, 4)), adds(C(s0, 6)), adds(C(s0, 15)), adds(C(s0, 4), C(s0h, 4)), adds(C(s0h, 6), s0p);
    addb(C(n0, 4)), addb(C(n0, 6)), addb(C(n0, 15)), addb(C(n1, 4)), addb(C(n1, 15)), addb(C(n0, 4), C(n1, 4));
    add(C(s0, 4), C(n0, 4)), add(C(s0, 6), C(n0, 6)), add(C(s0, 15), n0p), add(s0p, C(n0, 15));
    add(C(s1, 4), C(s0, 4), C(n0, 4));
    addn(C(n0, 4), C(n0l, 4));
}

Input make_input(const std::vector<std::string_view>& forms, const std::vector<std::string_view>& xpos,
                 const std::vector<std::string_view>& upos, bool robust, const WordTable* clusters = nullptr) {
    Input in;
    in.robust = robust;
    in.clustered = clusters != nullptr;
    if (clusters) {
        in.c.assign(forms.size() + 1, 0);
        in.c[0] = 1;  // the root: a path of length 0, distinct from "not in the table"
    }
    in.w.resize(forms.size() + 1);
    in.p.resize(forms.size() + 1);
    in.u.resize(forms.size() + 1);
    in.x.resize(forms.size() + 1);
    in.w[0] = kRootWord;
    in.p[0] = kRootWord;
    in.u[0] = kRootWord;
    in.x[0] = kRootWord;
    std::string low;
    for (size_t i = 0; i < forms.size(); ++i) {
        low.assign(forms[i]);
        for (char& c : low)
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        in.w[i + 1] = str_id(low);
        in.p[i + 1] = str_id(xpos[i]) | 1;  // never 0
        if (clusters) in.c[i + 1] = clusters->find(low);
        if (!robust) continue;
        in.u[i + 1] = (i < upos.size() ? str_id(upos[i]) : 0) | 1;
        in.x[i + 1] = str_id(std::string_view(low).substr(low.size() > 3 ? low.size() - 3 : 0)) | 1;
    }
    return in;
}

// Dynamic-oracle costs (arcs of the gold tree that a transition makes unreachable).
struct Oracle {
    const std::vector<int>& gold;  // gold head per position (root = 0), index 0 unused
    const std::vector<int>& glabel;

    // Unlabelled costs of SHIFT, REDUCE, LEFT and RIGHT in this state.
    void costs(const State& st, const std::vector<char>& on_stack, int out[4]) const {
        int s = st.s0(), b = st.b, n = st.n;
        out[0] = out[1] = out[2] = out[3] = 0;
        if (b > n) return;
        int g = gold[size_t(b)];
        int b_deps_on_stack = 0;
        for (int k : st.stack)
            if (k > 0 && gold[size_t(k)] == b && st.head[size_t(k)] == -1) ++b_deps_on_stack;
        int s_deps_in_buffer = 0;
        if (s > 0)
            for (int k = b; k <= n; ++k)
                if (gold[size_t(k)] == s) ++s_deps_in_buffer;
        out[0] = (on_stack[size_t(g)] ? 1 : 0) + b_deps_on_stack;
        out[1] = s_deps_in_buffer;
        out[2] = (s > 0 && gold[size_t(s)] > b ? 1 : 0) + s_deps_in_buffer;
        out[3] = (g != s && (on_stack[size_t(g)] || g > b) ? 1 : 0) + b_deps_on_stack;
    }
    int cost(const State& st, int t, const int base[4]) const {
        if (t == kShift) return base[0];
        if (t == kReduce) return base[1];
        int s = st.s0(), b = st.b;
        if (is_left(t)) return base[2] + (gold[size_t(s)] == b && glabel[size_t(s)] != label_of(t) ? 1 : 0);
        return base[3] + (gold[size_t(b)] == s && glabel[size_t(b)] != label_of(t) ? 1 : 0);
    }
};

// Whether the arc into `d` is projective: every word between d and its head descends
// from that head.
bool arc_projective(const std::vector<int>& gold, int d) {
    int n = int(gold.size()) - 1;
    int h = gold[size_t(d)];
    int lo = std::min(h, d), hi = std::max(h, d);
    for (int k = lo + 1; k < hi; ++k) {
        int x = k, guard = 0;
        while (x != 0 && x != h && guard++ <= n) x = gold[size_t(x)];
        if (x != h) return false;
    }
    return true;
}

// Make a tree projective by lifting (Nivre & Nilsson 2005, without encoding the lift in
// the label): the shortest non-projective arc is moved up to its head's head until none is
// left. The arc-eager system can only build projective trees, and skipping the ~5% of EWT
// sentences that are not projective loses their (mostly projective) arcs as training
// signal. Returns false when the tree is malformed (a cycle) and cannot be repaired.
bool projectivize(std::vector<int>& gold) {
    int n = int(gold.size()) - 1;
    for (int round = 0; round <= n * n; ++round) {
        int worst = -1, worst_len = 1 << 30;
        for (int d = 1; d <= n; ++d) {
            int len = std::abs(gold[size_t(d)] - d);
            if (len < worst_len && !arc_projective(gold, d)) worst = d, worst_len = len;
        }
        if (worst < 0) return true;
        int h = gold[size_t(worst)];
        if (h == 0) return false;  // the root's arc cannot be lifted: a malformed tree
        gold[size_t(worst)] = gold[size_t(h)];
    }
    return false;
}

// Words left without a head when the buffer runs out attach to the root's dependent (or,
// when the root got none, the first such word becomes the root).
void finish(State& st, const std::vector<std::string_view>& upos, int punct_label, int dep_label, int root_label) {
    int root = -1;
    for (int i = 1; i <= st.n; ++i)
        if (st.head[size_t(i)] == 0) root = i;
    for (int i = 1; i <= st.n; ++i) {
        if (st.head[size_t(i)] != -1) continue;
        if (root < 0) {
            root = i;
            st.head[size_t(i)] = 0;
            st.label[size_t(i)] = root_label;
            continue;
        }
        st.head[size_t(i)] = root;
        bool punct = size_t(i - 1) < upos.size() && upos[size_t(i - 1)] == "PUNCT";
        st.label[size_t(i)] = punct ? punct_label : dep_label;
    }
}

int find_label(const std::vector<std::string>& deprels, std::string_view name) {
    for (size_t i = 0; i < deprels.size(); ++i)
        if (deprels[i] == name) return int(i);
    return 0;
}


// ---------------------------------------------------------------- beam search
// Zhang & Clark (2008) / Zhang & Nivre (2011): keep the `width` best-scoring partial
// derivations, expand each by every valid transition and keep the best `width` of the
// candidates. Derivations of one sentence differ in length in arc-eager (stack words left
// when the buffer runs out are not popped), so a finished state is carried over unchanged
// ("idle", score unchanged) until every state of the beam has finished.
constexpr int kIdle = -1;

struct Candidate {
    int64_t score;
    int parent;  // index into the current beam
    int move;    // a transition, or kIdle for a finished state
};
// A strict total order, so the beam (and thus training) is deterministic.
inline bool better(const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.parent != b.parent) return a.parent < b.parent;
    return a.move < b.move;
}

struct BeamItem {
    State st{0};
    int64_t score = 0;
};

// Partial class scores of one template group, shared by every state of a sentence's beam
// whose group reads the same things. The key lists everything the group's templates read
// (positions, labels, valencies, label sets), so a hit gives exactly the scores a lookup
// would: states of a beam differ mostly far from the stack top and the buffer front, and
// the group sums are most of a state's table lookups.
template <size_t N, class Score = int32_t>
struct GroupCache {
    using Key = std::array<int32_t, N>;
    std::vector<Key> keys;
    std::vector<Score> pool;     // keys.size() * ncs scores
    std::vector<int32_t> table;  // open addressing: entry index, -1 = empty
    size_t ncs = 0;

    void reset(size_t classes) {
        ncs = classes;
        keys.clear();
        pool.clear();
        table.assign(64, -1);
    }
    static uint64_t hash(const Key& k) { return str_id(std::string_view(reinterpret_cast<const char*>(k.data()), N * 4)); }
    // Entry of `k`; `fresh` when it was just added (its scores are zero, to be filled).
    size_t lookup(const Key& k, bool& fresh) {
        if ((keys.size() + 1) * 2 > table.size()) grow();
        size_t mask = table.size() - 1;
        for (size_t i = hash(k) & mask;; i = (i + 1) & mask) {
            if (table[i] < 0) {
                table[i] = int32_t(keys.size());
                keys.push_back(k);
                pool.resize(pool.size() + ncs, 0);
                fresh = true;
                return keys.size() - 1;
            }
            if (keys[size_t(table[i])] == k) {
                fresh = false;
                return size_t(table[i]);
            }
        }
    }
    Score* scores(size_t e) { return pool.data() + e * ncs; }

private:
    void grow() {
        table.assign(table.size() * 2, -1);
        size_t mask = table.size() - 1;
        for (size_t e = 0; e < keys.size(); ++e) {
            size_t i = hash(keys[e]) & mask;
            while (table[i] >= 0) i = (i + 1) & mask;
            table[i] = int32_t(e);
        }
    }
};

// What the stack-top templates read: s0, its head and grand-head, its two leftmost and
// rightmost children, their labels, its valencies and label sets.
GroupCache<20>::Key top_key(const State& st) {
    auto at = [](const std::vector<int>& v, int x) { return x < 0 ? -2 : v[size_t(x)]; };
    int s0 = st.s0();
    int h = at(st.head, s0), l1 = at(st.lc1, s0), l2 = at(st.lc2, s0), r1 = at(st.rc1, s0), r2 = at(st.rc2, s0);
    uint64_t ls = s0 < 0 ? 0 : st.lset[size_t(s0)], rs = s0 < 0 ? 0 : st.rset[size_t(s0)];
    return {s0, h, at(st.head, h), at(st.label, s0), at(st.label, h), l1, l2, r1, r2,
            at(st.label, l1), at(st.label, l2), at(st.label, r1), at(st.label, r2), at(st.nl, s0), at(st.nr, s0),
            int32_t(uint32_t(ls)), int32_t(uint32_t(ls >> 32)), int32_t(uint32_t(rs)), int32_t(uint32_t(rs >> 32)), 0};
}
// What the buffer-front-with-left-children templates read.
GroupCache<8>::Key front_key(const State& st) {
    int b = st.b;
    int l1 = st.lc1[size_t(b)], l2 = st.lc2[size_t(b)];
    auto lab = [&](int x) { return x < 0 ? -2 : st.label[size_t(x)]; };
    uint64_t ls = st.lset[size_t(b)];
    return {b, l1, l2, lab(l1), lab(l2), st.nl[size_t(b)], int32_t(uint32_t(ls)), int32_t(uint32_t(ls >> 32))};
}

// What the remaining templates read (pairs of the stack top and the buffer front, their
// distance, s1, the root flag): positions and the stack top's label.
GroupCache<10>::Key rest_key(const State& st) {
    int s0 = st.s0();
    auto at = [](const std::vector<int>& v, int x) { return x < 0 ? -2 : v[size_t(x)]; };
    int s1 = st.stack.size() >= 2 ? st.stack[st.stack.size() - 2] : -1;
    return {s0, st.b, at(st.head, s0), at(st.lc1, s0), at(st.rc1, s0), st.lc1[size_t(st.b)], s1,
            at(st.label, s0), st.root_taken ? 1 : 0, 0};
}

// Beam-search parse of one sentence; the best finished state is left in `out`.
void parse_beam(const ParserModel& m, const Input& in, int n, int width, State& out) {
    thread_local std::vector<uint64_t> f, fb, fs, fn;
    thread_local std::vector<int32_t> scores, buffer_scores;
    thread_local std::vector<char> buffer_done;
    thread_local std::vector<Candidate> cands;
    thread_local std::vector<BeamItem> cur, next;
    thread_local GroupCache<20> top_cache;
    thread_local GroupCache<8> front_cache;
    thread_local GroupCache<10> rest_cache;
    int nc = m.weights.classes();
    size_t ncs = size_t(nc);
    // Buffer-only template scores depend on the buffer front alone, so all states of the
    // beam with the same front share them.
    buffer_scores.assign((size_t(n) + 2) * ncs, 0);
    buffer_done.assign(size_t(n) + 2, 0);
    top_cache.reset(ncs);
    front_cache.reset(ncs);
    rest_cache.reset(ncs);
    cur.resize(1);
    cur[0].st = State(n);
    cur[0].score = 0;
    scores.resize(ncs);
    // The candidates are kept as a heap of the best `width` so far, worst on top (the
    // order `better` is total, so the kept set does not depend on the order of offers).
    const size_t cap = size_t(width);
    bool full = false;
    auto offer = [&](const Candidate& c) {
        if (cands.size() < cap) {
            cands.push_back(c);
            std::push_heap(cands.begin(), cands.end(), better);
            full = cands.size() == cap;
        } else if (better(c, cands.front())) {
            std::pop_heap(cands.begin(), cands.end(), better);
            cands.back() = c;
            std::push_heap(cands.begin(), cands.end(), better);
        }
    };
    while (true) {
        cands.clear();
        full = false;
        bool all_done = true;
        for (size_t i = 0; i < cur.size(); ++i) {
            const State& st = cur[i].st;
            if (st.done()) {
                offer({cur[i].score, int(i), kIdle});
                continue;
            }
            all_done = false;
            size_t b = size_t(st.b);
            bool fresh = !buffer_done[b], top_fresh = false, front_fresh = false;
            size_t top_e = top_cache.lookup(top_key(st), top_fresh);
            size_t front_e = front_cache.lookup(front_key(st), front_fresh);
            bool rest_fresh = false;
            size_t rest_e = rest_cache.lookup(rest_key(st), rest_fresh);
            if (fresh || top_fresh || front_fresh || rest_fresh)
                features(in, st, f, fb, fs, fn, fresh, top_fresh, front_fresh, rest_fresh);
            int32_t* bs = buffer_scores.data() + b * ncs;
            if (fresh) {
                m.weights.score(fb.data(), fb.size(), bs);
                buffer_done[b] = 1;
            }
            int32_t* ts = top_cache.scores(top_e);
            if (top_fresh) m.weights.score(fs.data(), fs.size(), ts);
            int32_t* ns = front_cache.scores(front_e);
            if (front_fresh) m.weights.score(fn.data(), fn.size(), ns);
            int32_t* rs = rest_cache.scores(rest_e);
            if (rest_fresh) m.weights.score(f.data(), f.size(), rs);
            for (size_t c = 0; c < ncs; ++c) scores[c] = bs[c] + ts[c] + ns[c] + rs[c];
            bool ok_shift = st.valid(kShift), ok_reduce = st.valid(kReduce);
            bool ok_left = nc > 2 && st.valid(2), ok_right = nc > 3 && st.valid(3);
            int64_t base = cur[i].score;
            if (ok_shift) offer({base + scores[0], int(i), kShift});
            if (ok_reduce) offer({base + scores[1], int(i), kReduce});
            if (ok_left || ok_right)
                for (int t = 2; t < nc; ++t) {
                    // Most labelled moves cannot enter a full beam: one compare rejects them.
                    if (full && base + scores[size_t(t)] < cands.front().score) continue;
                    if ((t & 1) ? ok_right : ok_left) offer({base + scores[size_t(t)], int(i), t});
                }
        }
        if (all_done || cands.empty()) break;
        std::sort(cands.begin(), cands.end(), better);
        next.resize(cands.size());
        for (size_t j = 0; j < cands.size(); ++j) {
            next[j].st = cur[size_t(cands[j].parent)].st;  // reuses the vectors' capacity
            next[j].score = cands[j].score;
            if (cands[j].move != kIdle) next[j].st.apply(cands[j].move);
        }
        std::swap(cur, next);
    }
    out = cur[0].st;  // the beam is kept sorted, best first
}

// ---------------------------------------------------------------- beam training
// One sentence of global training: the beam is searched with the current weights, and the
// "gold" derivation is the best-scoring one of zero cost under the dynamic oracle (any
// derivation whose every transition costs nothing builds the gold tree, so the oracle's
// spurious ambiguity is left to the model: Goldberg et al. 2013's non-deterministic oracle
// in a beam). When no zero-cost state is left in the beam, the gold derivation goes on
// alone. The update is made where the beam's best state beats the gold one by most
// (max-violation, Huang et al. 2012), which converges faster than stopping at the first
// fall-out (early update) because every update sees a whole violating prefix.
struct TrainItem {
    State st{0};
    double score = 0;
    bool zero_cost = true;
    std::vector<int16_t> moves;
};

struct TrainCandidate {
    double score;
    int parent;  // index into the beam; -1 = the gold item outside the beam
    int move;
    bool zero_cost;
};
inline bool better_t(const TrainCandidate& a, const TrainCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.parent != b.parent) return a.parent < b.parent;
    return a.move < b.move;
}

struct BeamTrainer {
    BeamTrainer(Perceptron& p, int classes, int beam_width) : pc(p), nc(classes), width(beam_width) {}
    Perceptron& pc;
    int nc;
    int width;
    std::vector<uint64_t> f;
    std::vector<float> scores;
    std::vector<char> on_stack;
    std::vector<TrainCandidate> cands, gold_cands;
    std::vector<TrainItem> cur, next;
    TrainItem gold_item, new_gold;
    std::vector<int16_t> viol_pred, viol_gold;

    // Group scores shared by the states of one sentence, as in parse_beam; valid because the
    // weights change only after the sentence. The weights are sums of +-1 (integers held
    // exactly in a float), so the grouped sums equal the one-vector sums bit for bit.
    std::vector<uint64_t> fb, fs, fn;
    std::vector<float> part;
    GroupCache<1, float> buffer_cache;
    GroupCache<20, float> top_cache;
    GroupCache<8, float> front_cache;
    GroupCache<10, float> rest_cache;

    void reset_caches() {
        buffer_cache.reset(size_t(nc));
        top_cache.reset(size_t(nc));
        front_cache.reset(size_t(nc));
        rest_cache.reset(size_t(nc));
    }
    void group_scores(const State& st, const Input& in) {
        bool fresh_b = false, fresh_t = false, fresh_n = false, fresh_r = false;
        size_t eb = buffer_cache.lookup({st.b}, fresh_b);
        size_t et = top_cache.lookup(top_key(st), fresh_t);
        size_t en = front_cache.lookup(front_key(st), fresh_n);
        size_t er = rest_cache.lookup(rest_key(st), fresh_r);
        if (fresh_b || fresh_t || fresh_n || fresh_r)
            features(in, st, f, fb, fs, fn, fresh_b, fresh_t, fresh_n, fresh_r);
        auto fill = [&](bool fresh, const std::vector<uint64_t>& v, float* dst) {
            if (!fresh) return;
            part.assign(size_t(nc), 0.0F);
            pc.score(v, part);
            std::copy(part.begin(), part.end(), dst);
        };
        fill(fresh_b, fb, buffer_cache.scores(eb));
        fill(fresh_t, fs, top_cache.scores(et));
        fill(fresh_n, fn, front_cache.scores(en));
        fill(fresh_r, f, rest_cache.scores(er));
        const float *a = buffer_cache.scores(eb), *b = top_cache.scores(et), *c = front_cache.scores(en),
                    *d = rest_cache.scores(er);
        scores.resize(size_t(nc));
        for (size_t k = 0; k < size_t(nc); ++k) scores[k] = a[k] + b[k] + c[k] + d[k];
    }

    // Candidates of one item. `only_zero_cost`: the gold item outside the beam.
    void expand(const Input& in, const Oracle& oracle, const TrainItem& it, int parent, bool only_zero_cost,
                std::vector<TrainCandidate>& out) {
        const State& st = it.st;
        group_scores(st, in);
        int base[4] = {0, 0, 0, 0};
        if (it.zero_cost) {
            on_stack.assign(size_t(st.n) + 1, 0);
            for (int k : st.stack) on_stack[size_t(k)] = 1;
            oracle.costs(st, on_stack, base);
        }
        bool ok_shift = st.valid(kShift), ok_reduce = st.valid(kReduce);
        bool ok_left = nc > 2 && st.valid(2), ok_right = nc > 3 && st.valid(3);
        for (int t = 0; t < nc; ++t) {
            bool ok = t == kShift ? ok_shift : t == kReduce ? ok_reduce : (t & 1) ? ok_right : ok_left;
            if (!ok) continue;
            bool zc = it.zero_cost && oracle.cost(st, t, base) == 0;
            if (only_zero_cost && !zc) continue;
            out.push_back({it.score + double(scores[size_t(t)]), parent, t, zc});
        }
    }

    static void extend(const TrainItem& from, const TrainCandidate& c, TrainItem& to) {
        to.st = from.st;
        to.score = c.score;
        to.zero_cost = c.zero_cost;
        to.moves = from.moves;
        to.moves.push_back(int16_t(c.move));
        if (c.move != kIdle) to.st.apply(c.move);
    }

    // Add `delta` to the features of each transition of `moves` from step `from` on.
    void replay(const Input& in, int n, const std::vector<int16_t>& moves, size_t from, float delta) {
        State st(n);
        for (size_t t = 0; t < moves.size(); ++t) {
            int mv = moves[t];
            if (mv == kIdle) continue;
            if (t >= from) {
                features(in, st, f, f, f, f, true, true, true);
                pc.add(f, mv, delta);
            }
            st.apply(mv);
        }
    }

    // Returns whether the beam's best final derivation had zero cost (the gold tree).
    bool sentence(const Input& in, const std::vector<int>& gold, const std::vector<int>& glabel) {
        int n = int(gold.size()) - 1;
        Oracle oracle{gold, glabel};
        reset_caches();
        cur.resize(1);
        cur[0] = TrainItem{};
        cur[0].st = State(n);
        gold_item = cur[0];
        bool gold_in_beam = true;
        double max_violation = -1.0;
        bool violated = false;
        while (true) {
            cands.clear();
            gold_cands.clear();
            bool beam_done = true;
            for (size_t i = 0; i < cur.size(); ++i) {
                if (cur[i].st.done()) {
                    cands.push_back({cur[i].score, int(i), kIdle, cur[i].zero_cost});
                    continue;
                }
                beam_done = false;
                expand(in, oracle, cur[i], int(i), false, cands);
            }
            bool gold_done = gold_in_beam || gold_item.st.done();
            if (!gold_in_beam) {
                if (gold_item.st.done())
                    gold_cands.push_back({gold_item.score, -1, kIdle, true});
                else
                    expand(in, oracle, gold_item, -1, true, gold_cands);
            }
            if (beam_done && gold_done) break;
            // The best zero-cost candidate, before the beam is cut.
            const TrainCandidate* g = nullptr;
            for (const auto& c : cands)
                if (c.zero_cost && (!g || better_t(c, *g))) g = &c;
            for (const auto& c : gold_cands)
                if (!g || better_t(c, *g)) g = &c;
            if (!g) break;  // cannot happen: a zero-cost state always has a zero-cost move
            TrainCandidate gc = *g;
            extend(gc.parent < 0 ? gold_item : cur[size_t(gc.parent)], gc, new_gold);
            std::swap(gold_item, new_gold);
            if (cands.size() > size_t(width)) {
                std::nth_element(cands.begin(), cands.begin() + width, cands.end(), better_t);
                cands.resize(size_t(width));
            }
            std::sort(cands.begin(), cands.end(), better_t);
            next.resize(cands.size());
            gold_in_beam = false;
            for (size_t j = 0; j < cands.size(); ++j) {
                extend(cur[size_t(cands[j].parent)], cands[j], next[j]);
                gold_in_beam = gold_in_beam || cands[j].zero_cost;
            }
            std::swap(cur, next);
            if (!cur[0].zero_cost) {
                double v = cur[0].score - gold_item.score;
                if (!violated || v > max_violation) {
                    violated = true;
                    max_violation = v;
                    viol_pred = cur[0].moves;
                    viol_gold = gold_item.moves;
                }
            }
        }
        if (violated) {
            size_t d = 0;
            while (d < viol_pred.size() && d < viol_gold.size() && viol_pred[d] == viol_gold[d]) ++d;
            replay(in, n, viol_gold, d, 1.0F);
            replay(in, n, viol_pred, d, -1.0F);
        }
        pc.tick();
        return cur[0].zero_cost;
    }
};

// Attaches what the transitions left unattached (finish) and copies the tree out, 0-based.
void read_out(const ParserModel& m, State& st, const std::vector<std::string_view>& upos, std::vector<int>& heads,
              std::vector<uint16_t>& labels) {
    finish(st, upos, find_label(m.deprels, "punct"), find_label(m.deprels, "dep"), find_label(m.deprels, "root"));
    heads.resize(upos.size());
    labels.resize(upos.size());
    for (size_t i = 0; i < upos.size(); ++i) {
        heads[i] = st.head[i + 1] - 1;
        labels[i] = uint16_t(std::max(st.label[i + 1], 0));
    }
}

}  // namespace

void parse_words(const ParserModel& m, const std::vector<std::string_view>& forms,
                 const std::vector<std::string_view>& xpos, const std::vector<std::string_view>& upos,
                 std::vector<int>& heads, std::vector<uint16_t>& labels) {
    Input in = make_input(forms, xpos, upos, m.feature_set >= 2, m.feature_set >= 3 ? &m.clusters : nullptr);
    if (m.beam > 1 && forms.size() <= kBeamMaxWords) {
        State st(0);
        parse_beam(m, in, int(forms.size()), m.beam, st);
        read_out(m, st, upos, heads, labels);
        return;
    }
    State st(int(forms.size()));
    thread_local std::vector<uint64_t> f, fb, fs, fn;
    thread_local std::vector<int32_t> scores, buffer_scores, top_scores, front_scores;
    thread_local std::vector<uint32_t> top_version;
    int nc = m.weights.classes();
    size_t ncs = size_t(nc);
    int scored_b = -1;  // buffer front whose buffer-only scores are in buffer_scores
    int front_b = -1;   // buffer front (at version front_version) of front_scores
    uint32_t front_version = 0;
    // Stack-top-only scores per word (top_scores[word * nc ...]), valid while the word's
    // version is the one recorded in top_version (kStale: never scored).
    constexpr uint32_t kStale = 0xFFFFFFFFU;
    top_scores.resize((forms.size() + 1) * ncs);
    top_version.assign(forms.size() + 1, kStale);
    while (!st.done()) {
        bool fresh = st.b != scored_b;
        size_t s0 = size_t(st.s0());
        bool top_fresh = top_version[s0] != st.version[s0];
        size_t b = size_t(st.b);
        bool front_fresh = st.b != front_b || st.version[b] != front_version;
        features(in, st, f, fb, fs, fn, fresh, top_fresh, front_fresh);
        if (fresh) {
            buffer_scores.assign(ncs, 0);
            m.weights.score(fb.data(), fb.size(), buffer_scores.data());
            scored_b = st.b;
        }
        int32_t* top = top_scores.data() + s0 * ncs;
        if (top_fresh) {
            std::fill(top, top + ncs, 0);
            m.weights.score(fs.data(), fs.size(), top);
            top_version[s0] = st.version[s0];
        }
        if (front_fresh) {
            front_scores.assign(ncs, 0);
            m.weights.score(fn.data(), fn.size(), front_scores.data());
            front_b = st.b;
            front_version = st.version[b];
        }
        scores.resize(ncs);
        for (size_t c = 0; c < ncs; ++c) scores[c] = buffer_scores[c] + top[c] + front_scores[c];
        m.weights.score(f.data(), f.size(), scores.data());
        // Validity depends only on the move type, so it is decided four times, not once
        // per class (about 100 with the labelled arcs).
        bool ok_shift = st.valid(kShift), ok_reduce = st.valid(kReduce);
        bool ok_left = nc > 2 && st.valid(2), ok_right = nc > 3 && st.valid(3);
        int best = -1;
        int32_t best_score = 0;
        if (ok_shift) best = kShift, best_score = scores[0];
        if (ok_reduce && (best < 0 || scores[1] > best_score)) best = kReduce, best_score = scores[1];
        if (ok_left || ok_right)
            for (int t = 2; t < nc; ++t) {
                if (!((t & 1) ? ok_right : ok_left)) continue;
                if (best < 0 || scores[size_t(t)] > best_score) best = t, best_score = scores[size_t(t)];
            }
        if (best < 0) break;
        st.apply(best);
    }
    read_out(m, st, upos, heads, labels);
}

ParserModel train_parser(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt) {
    return train_parser(train, dev, opt, 1);
}

ParserModel train_parser(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt, int beam) {
    return train_parser(train, dev, opt, beam, WordTable{});
}

ParserModel train_parser(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt, int beam, const WordTable& clusters) {
    if (beam < 1 || beam > 256) throw InputError("train", "beam width must be between 1 and 256");
    ParserModel m;
    m.beam = beam;
    if (!clusters.empty()) {
        m.feature_set = 3;
        m.clusters = clusters;
    }
    std::map<std::string, int> ids;
    for (const auto& s : train)
        for (const auto& w : s.words) ids.emplace(w.deprel, 0);
    for (auto& [k, v] : ids) {
        v = int(m.deprels.size());
        m.deprels.push_back(k);
    }
    int nc = 2 + 2 * int(m.deprels.size());
    if (nc > 255) throw InputError("train", "too many dependency relations (at most 126)");
    Perceptron pc(nc);

    struct Prepared {
        Input in;
        std::vector<int> gold, glabel;
    };
    std::vector<Prepared> data;
    size_t skipped = 0;
    for (const auto& s : train) {
        Prepared p;
        std::vector<std::string_view> forms, xpos, upos;
        p.gold.assign(s.words.size() + 1, 0);
        p.glabel.assign(s.words.size() + 1, 0);
        bool ok = true;
        for (size_t i = 0; i < s.words.size(); ++i) {
            forms.push_back(s.words[i].form);
            xpos.push_back(s.words[i].xpos);
            upos.push_back(s.words[i].upos);
            if (s.words[i].head < -1) ok = false;
            p.gold[i + 1] = s.words[i].head + 1;
            p.glabel[i + 1] = ids[s.words[i].deprel];
        }
        int roots = int(std::count(p.gold.begin() + 1, p.gold.end(), 0));
        if (!ok || roots != 1 || !projectivize(p.gold)) {
            ++skipped;
            continue;
        }
        p.in = make_input(forms, xpos, upos, m.feature_set >= 2, m.feature_set >= 3 ? &m.clusters : nullptr);
        data.push_back(std::move(p));
    }
    if (opt.verbose)
        std::cerr << "parser: " << data.size() << " training sentences (" << skipped
                  << " skipped: not one root or malformed; non-projective arcs lifted), " << m.deprels.size() << " relations\n";

    std::mt19937 rng(opt.seed);
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    std::vector<size_t> order(data.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::vector<uint64_t> f;
    std::vector<float> scores;
    std::vector<char> on_stack;
    BeamTrainer trainer(pc, nc, beam);
    for (int ep = 0; ep < opt.epochs; ++ep) {
        std::shuffle(order.begin(), order.end(), rng);
        size_t correct = 0, total = 0;
        if (beam > 1) {
            for (size_t si : order) correct += trainer.sentence(data[si].in, data[si].gold, data[si].glabel);
            if (opt.verbose)
                std::cerr << "parser epoch " << ep + 1 << ": beam " << beam << ", best derivation correct in "
                          << 100.0 * double(correct) / double(std::max<size_t>(order.size(), 1))
                          << "% of sentences\n";
            continue;
        }
        for (size_t si : order) {
            const Prepared& p = data[si];
            State st(int(p.gold.size()) - 1);
            Oracle oracle{p.gold, p.glabel};
            on_stack.assign(p.gold.size(), 0);
            on_stack[0] = 1;
            while (!st.done()) {
                features(p.in, st, f, f, f, f, true, true, true);
                scores.assign(size_t(nc), 0.0F);
                pc.score(f, scores);
                int guess = -1, best_gold = -1, cheapest = -1, min_cost = 1 << 30;
                int base[4];
                oracle.costs(st, on_stack, base);
                for (int t = 0; t < nc; ++t) {
                    if (!st.valid(t)) continue;
                    if (guess < 0 || scores[size_t(t)] > scores[size_t(guess)]) guess = t;
                    int c = oracle.cost(st, t, base);
                    if (c < min_cost || (c == min_cost && scores[size_t(t)] > scores[size_t(cheapest)]))
                        min_cost = c, cheapest = t;
                }
                if (guess < 0) break;
                best_gold = cheapest;
                bool guess_ok = oracle.cost(st, guess, base) == min_cost;
                if (!guess_ok) pc.update(f, best_gold, guess);
                pc.tick();
                correct += guess_ok;
                ++total;
                // Explore: after the first epoch, follow the model's own choice most of the time.
                int next = (ep > 0 && coin(rng) < 0.9) ? guess : best_gold;
                int s = st.s0();
                if (next == kReduce || is_left(next)) on_stack[size_t(s)] = 0;
                if (next == kShift || is_right(next)) on_stack[size_t(st.b)] = 1;
                st.apply(next);
            }
        }
        if (opt.verbose)
            std::cerr << "parser epoch " << ep + 1 << ": transition accuracy "
                      << 100.0 * double(correct) / double(std::max<size_t>(total, 1)) << "\n";
    }
    m.weights = Weights::from(pc.averaged(), nc, opt.prune, opt.max_features);
    if (opt.verbose)
        std::cerr << "parser: " << m.weights.features() << " features, " << m.weights.entries() << " weights\n";
    if (dev) {
        std::vector<ConllSentence> pred = *dev;
        for (auto& s : pred) {
            std::vector<std::string_view> forms, xpos, upos;
            for (auto& w : s.words) forms.push_back(w.form), xpos.push_back(w.xpos), upos.push_back(w.upos);
            std::vector<int> heads;
            std::vector<uint16_t> labels;
            parse_words(m, forms, xpos, upos, heads, labels);
            for (size_t i = 0; i < s.words.size(); ++i) {
                s.words[i].head = heads[i];
                s.words[i].deprel = m.deprels[labels[i]];
            }
        }
        Scores sc = score_sentences(*dev, pred);
        if (opt.verbose)
            std::cerr << "parser dev (tags as given in the dev file): UAS " << sc.pct(sc.uas) << " LAS "
                      << sc.pct(sc.las) << " LAS(universal) " << sc.pct(sc.las_universal) << "\n";
    }
    return m;
}

namespace {
// Version 1 files carry feature set 1; version 2 files add the suffix and universal-tag
// templates. Version 3 files (round three) start with the beam width and the feature set;
// they are written only when one of those differs from a greedy set-2 model, so greedy
// models stay byte-identical to version 2. All three load.
constexpr std::string_view kParserMagic1 = "PARLEY-PARSER-1\n";
constexpr std::string_view kParserMagic2 = "PARLEY-PARSER-2\n";
constexpr std::string_view kParserMagic3 = "PARLEY-PARSER-3\n";
}  // namespace

void save_parser(const ParserModel& m, const std::string& path) {
    std::ostringstream o(std::ios::binary);
    bool v3 = m.beam != 1 || m.feature_set > 2;
    if (v3) {
        put_u32(o, uint32_t(m.beam));
        put_u32(o, uint32_t(m.feature_set));
    }
    put_u32(o, uint32_t(m.deprels.size()));
    for (const auto& d : m.deprels) put_str(o, d);
    m.weights.write(o);
    if (m.feature_set >= 3) m.clusters.write(o);
    write_model_file(path, v3 ? kParserMagic3 : m.feature_set >= 2 ? kParserMagic2 : kParserMagic1, o.str());
}

ParserModel load_parser(const std::string& path) {
    // The magic says which layout and feature set the file has; peek at it, then let
    // open_model_file check magic, size and checksum as for any model file.
    std::string head(kParserMagic2.size(), '\0');
    {
        std::ifstream f(path, std::ios::binary);
        f.read(head.data(), std::streamsize(head.size()));
    }
    int version = head == kParserMagic1 ? 1 : head == kParserMagic3 ? 3 : 2;
    ByteReader in = open_model_file(path, version == 1 ? kParserMagic1 : version == 3 ? kParserMagic3 : kParserMagic2);
    ParserModel m;
    m.feature_set = version == 1 ? 1 : 2;
    if (version == 3) {
        uint32_t beam = in.u32(), fset = in.u32();
        if (beam < 1 || beam > 256) throw InputError(path, "model file corrupt (beam width)");
        if (fset < 1 || fset > 3) throw InputError(path, "model file has an unknown feature set (newer parley?)");
        m.beam = int(beam);
        m.feature_set = int(fset);
    }
    uint32_t n = in.u32();
    if (n == 0 || n > 1000) throw InputError(path, "model file corrupt (relation count)");
    for (uint32_t i = 0; i < n; ++i) m.deprels.push_back(in.str());
    m.weights.read(in);
    if (m.weights.classes() != 2 + 2 * int(n)) throw InputError(path, "model file corrupt (class count)");
    if (m.feature_set >= 3) m.clusters.read(in);
    return m;
}

}  // namespace parley::text
