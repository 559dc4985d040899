// Throughput of each pipeline stage over the development corpus (../shared/corpus/dev), or
// over examples/ when the corpus is absent. Each benchmark reports documents/s and bytes/s
// of raw input, and the process's peak resident memory; `make bench` runs every stage in its
// own process so that the peak belongs to that stage.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>

#include "claims/claims.hpp"
#include "clean/clean.hpp"
#include "entities/entities.hpp"
#include "events/events.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "time/time.hpp"
#include "util/util.hpp"
#include "bench_corpus.hpp"

using namespace parley;

namespace {

const Resources& resources() {
    static const Resources r = load_resources();
    return r;
}

// Documents processed up to (not including) `stage`, so a benchmark times one stage alone.
enum class Upto { ingest, clean, text, time, entities, events, claims };
std::vector<Document> prepared(Upto stage) {
    auto docs = bench::ingested_documents();
    const Resources& r = resources();
    for (auto& d : docs) {
        if (stage > Upto::clean) clean_document(d);
        if (stage > Upto::text) analyze_text(d, r.text_models.get());
        if (stage > Upto::time) {
            resolve_dct(d);
            tag_timexes(d);
        }
        if (stage > Upto::entities && r.kb) link_entities(d, *r.kb);
        if (stage > Upto::events && r.events) extract_events(d, *r.events);
    }
    return docs;
}

void finish(benchmark::State& state) {
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(bench::ingested_documents().size()));
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bench::raw_bytes()));
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    state.counters["peak_rss_MB"] = double(ru.ru_maxrss) / 1024.0;
    state.counters["docs"] = double(bench::ingested_documents().size());
}

template <typename Fn>
void run_stage(benchmark::State& state, Upto stage, Fn fn) {
    auto base = prepared(stage);
    for (auto _ : state) {
        state.PauseTiming();
        auto docs = base;
        state.ResumeTiming();
        for (auto& d : docs) fn(d);
        benchmark::DoNotOptimize(docs.data());
    }
    finish(state);
}

void BM_StageIngest(benchmark::State& state) {
    for (auto _ : state) {
        size_t n = 0;
        for (const Document& d : bench::ingested_documents())
            n += ingest_buffer(d.id, d.raw, [](Document&&) {}, [](const IngestProblem&) {});
        benchmark::DoNotOptimize(n);
    }
    finish(state);
}
void BM_StageClean(benchmark::State& s) { run_stage(s, Upto::clean, [](Document& d) { clean_document(d); }); }
void BM_StageText(benchmark::State& s) {
    run_stage(s, Upto::text, [](Document& d) { analyze_text(d, resources().text_models.get()); });
}
void BM_StageTime(benchmark::State& s) {
    run_stage(s, Upto::time, [](Document& d) {
        resolve_dct(d);
        tag_timexes(d);
    });
}
void BM_StageEntities(benchmark::State& s) {
    run_stage(s, Upto::entities, [](Document& d) { link_entities(d, *resources().kb); });
}
void BM_StageEvents(benchmark::State& s) {
    run_stage(s, Upto::events, [](Document& d) { extract_events(d, *resources().events); });
}
void BM_StageClaims(benchmark::State& s) { run_stage(s, Upto::claims, [](Document& d) { extract_claims(d, *resources().claims); }); }
void BM_StagePipeline(benchmark::State& s) {
    run_stage(s, Upto::clean, [](Document& d) { process(d, resources()); });
}

}  // namespace

BENCHMARK(BM_StageIngest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StageClean)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StageText)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StageTime)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StageEntities)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StageEvents)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StageClaims)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StagePipeline)->Unit(benchmark::kMillisecond);
