// Merge at scale: N synthetic event mentions (default 1,000,000 in `make bench`) drawn from a
// pool of actors, days and types the way a news crawl repeats events: each real event is
// reported several times, with explicit, publication-only or missing dates.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "merge/merge.hpp"
#include "store/store.hpp"
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

// Incremental merge through the store: a store already holding the timeline of N synthetic
// mentions (three a document) takes one new article with three events. BM_MergeStoreIngestOne
// times that put (documents + incremental timeline update in one transaction);
// BM_MergeStoreRebuild times the full recompute the same store would need without it.
std::vector<Document> synthetic_documents(const std::vector<MentionRecord>& ms, size_t per_doc, const std::string& prefix) {
    std::vector<Document> docs;
    for (size_t i = 0; i < ms.size(); i += per_doc) {
        Document d;
        d.id = prefix + std::to_string(i / per_doc);
        d.content_hash = "h-" + d.id;
        d.format = "text";
        d.outlet = ms[i].outlet;
        for (size_t k = i; k < std::min(ms.size(), i + per_doc); ++k) {
            uint32_t start = uint32_t(d.text.size());
            d.text += "Report " + std::to_string(k) + " of " + d.id + " on a meeting. ";
            d.sentences.push_back({{start, uint32_t(d.text.size() - 1)}, 0, 0, 0});
            EventMention e = ms[k].event;
            e.sentence = d.sentences.size() - 1;
            e.trigger = {start, start + 6};
            d.events.push_back(std::move(e));
        }
        docs.push_back(std::move(d));
    }
    return docs;
}

std::unique_ptr<Store> filled_store(size_t n, const char* name) {
    auto path = std::filesystem::temp_directory_path() / (std::string("parley-bench-") + name + ".db");
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    auto store = open_sqlite_store(path.string());
    auto docs = synthetic_documents(synthetic(n, 42), 3, "d");
    for (size_t i = 0; i < docs.size(); i += 5000)
        store->put(std::vector<Document>(docs.begin() + long(i), docs.begin() + long(std::min(docs.size(), i + 5000))));
    return store;
}

void BM_MergeStoreIngestOne(benchmark::State& state) {
    auto store = filled_store(size_t(state.range(0)), "ingest-one");
    auto fresh = synthetic_documents(synthetic(3 * 64, 7), 3, "new");
    size_t k = 0;
    for (auto _ : state) {
        store->put({fresh[k++ % fresh.size()]});
    }
    state.counters["events"] = double(store->timeline_size());
}

void BM_MergeStoreRebuild(benchmark::State& state) {
    auto store = filled_store(size_t(state.range(0)), "rebuild");
    for (auto _ : state) store->rebuild_timeline();
    state.counters["events"] = double(store->timeline_size());
}

BENCHMARK(BM_MergeStoreIngestOne)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(30);
BENCHMARK(BM_MergeStoreRebuild)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);
