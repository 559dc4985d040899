// Merge at scale: N synthetic event mentions (default 1,000,000 in `make bench`) drawn from a
// pool of actors, days and types the way a news crawl repeats events: each real event is
// reported several times, with explicit, publication-only or missing dates.
#include <benchmark/benchmark.h>

#include <random>

#include "merge/merge.hpp"
#include "time/time.hpp"

using namespace parley;

namespace {

std::vector<MentionRecord> synthetic(size_t n, uint32_t seed) {
    std::mt19937_64 rng(seed);
    const int actors = 2000, days = 3650, types = 8;
    const char* type_names[] = {"CONSULT", "ACCUSE", "REQUEST", "THREATEN", "AGREE", "REJECT", "SANCTION", "SUPPORT"};
    std::vector<MentionRecord> out;
    out.reserve(n);
    // ~4 mentions per real event on average
    size_t events = n / 4 + 1;
    std::uniform_int_distribution<int> pick_actor(0, actors - 1), pick_day(0, days - 1), pick_type(0, types - 1);
    for (size_t e = 0; e < events && out.size() < n; ++e) {
        // popular actors appear far more often (a Zipf-like skew)
        auto skewed = [&] { return std::min(pick_actor(rng), std::min(pick_actor(rng), pick_actor(rng))); };
        int a = skewed(), b = skewed();
        if (a == b) b = (b + 1) % actors;
        Ymd day = add_days({2015, 1, 1}, pick_day(rng));
        int type = pick_type(rng);
        int reports = 1 + int(rng() % 7);
        for (int r = 0; r < reports && out.size() < n; ++r) {
            MentionRecord m;
            m.id = int64_t(out.size() + 1);
            m.doc_id = "d" + std::to_string(rng() % (n / 3 + 1));
            m.outlet = "o" + std::to_string(rng() % 500);
            m.event.type = type_names[type];
            m.event.actors = {{"Q:a" + std::to_string(a), "A" + std::to_string(a), "PER", "", ""},
                              {"Q:a" + std::to_string(b), "A" + std::to_string(b), "PER", "", ""}};
            int kind = int(rng() % 10);
            if (kind < 6) {
                m.event.date = format_ymd(day);
                m.event.date_basis = DateBasis::explicit_;
            } else if (kind < 9) {
                m.event.date = format_ymd(add_days(day, int(rng() % 3)));
                m.event.date_basis = DateBasis::publication;
            } else {
                m.event.date_basis = DateBasis::unknown;
            }
            m.event.trigger = {uint32_t(r), uint32_t(r + 4)};
            out.push_back(std::move(m));
        }
    }
    return out;
}

void BM_Merge(benchmark::State& state) {
    auto ms = synthetic(size_t(state.range(0)), 42);
    size_t events = 0;
    for (auto _ : state) {
        auto tl = merge_mentions(ms);
        events = tl.size();
        benchmark::DoNotOptimize(tl.data());
    }
    state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
    state.counters["events"] = double(events);
}

}  // namespace

BENCHMARK(BM_Merge)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);
