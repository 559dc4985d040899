// Cost of the entities stage: linking alone (with and without the NER model), the knowledge
// base's load time, and the whole pipeline with and without linking, so that the share of
// the pipeline's time spent on entities can be read off (issue 5: < 20%). Corpus: the
// development corpus (../shared/corpus/dev), else examples/.
#include <benchmark/benchmark.h>

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

const std::vector<Document>& raw_docs() { return bench::ingested_documents(); }

const Resources& res() {
    static const Resources r = load_resources();
    return r;
}

const Kb& kb_without_ner() {
    static const std::shared_ptr<const Kb> kb = load_kb(data_dir() + "/kb", "-");
    return *kb;
}

// Documents after clean, text and time: what link_entities() receives.
const std::vector<Document>& before_linking() {
    static const std::vector<Document> docs = [] {
        auto d = raw_docs();
        for (auto& x : d) {
            clean_document(x);
            analyze_text(x, res().text_models.get());
            resolve_dct(x);
            tag_timexes(x);
        }
        return d;
    }();
    return docs;
}

void counters(benchmark::State& state, size_t docs) {
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(docs));
    state.counters["docs"] = double(docs);
}

void BM_EntitiesLinkWithNer(benchmark::State& state) {
    const auto& base = before_linking();
    for (auto _ : state) {
        state.PauseTiming();
        auto docs = base;
        state.ResumeTiming();
        for (auto& d : docs) link_entities(d, *res().kb);
        benchmark::DoNotOptimize(docs.data());
    }
    counters(state, base.size());
}

void BM_EntitiesLinkWithoutNer(benchmark::State& state) {
    const auto& base = before_linking();
    const Kb& kb = kb_without_ner();
    for (auto _ : state) {
        state.PauseTiming();
        auto docs = base;
        state.ResumeTiming();
        for (auto& d : docs) link_entities(d, kb);
        benchmark::DoNotOptimize(docs.data());
    }
    counters(state, base.size());
}

// Every stage as process() runs them, with or without link_entities().
template <bool kLink>
void pipeline(benchmark::State& state) {
    const auto base = raw_docs();
    for (auto _ : state) {
        state.PauseTiming();
        auto docs = base;
        state.ResumeTiming();
        for (auto& d : docs) {
            clean_document(d);
            analyze_text(d, res().text_models.get());
            resolve_dct(d);
            tag_timexes(d);
            if (kLink) link_entities(d, *res().kb);
            if (res().events) extract_events(d, *res().events);
            extract_claims(d);
        }
        benchmark::DoNotOptimize(docs.data());
    }
    counters(state, base.size());
}
void BM_EntitiesPipelineWithLinking(benchmark::State& s) { pipeline<true>(s); }
void BM_EntitiesPipelineWithoutLinking(benchmark::State& s) { pipeline<false>(s); }

// Once per process, as load_resources() does it: the compiled data/kb/kb.bin (checksum of the
// TSV files included) plus the NER model.
void BM_EntitiesKbLoad(benchmark::State& state) {
    std::shared_ptr<const Kb> kb;
    for (auto _ : state) {
        state.PauseTiming();
        kb.reset();
        state.ResumeTiming();
        kb = load_kb(data_dir() + "/kb");
        benchmark::DoNotOptimize(kb.get());
    }
}
// The parts: the compiled KB alone (no NER model), the same from the TSV files, the NER model.
// (Freeing the previous iteration's KB is not loading: it runs with the clock paused.)
void BM_EntitiesKbLoadBinary(benchmark::State& state) {
    std::shared_ptr<const Kb> kb;
    for (auto _ : state) {
        state.PauseTiming();
        kb.reset();
        state.ResumeTiming();
        kb = load_kb(data_dir() + "/kb", "-");
        benchmark::DoNotOptimize(kb.get());
    }
}
void BM_EntitiesKbLoadTsv(benchmark::State& state) {
    std::shared_ptr<const Kb> kb;
    for (auto _ : state) {
        state.PauseTiming();
        kb.reset();
        state.ResumeTiming();
        kb = load_kb_tsv(data_dir() + "/kb", "-");
        benchmark::DoNotOptimize(kb.get());
    }
}
void BM_EntitiesKbChecksum(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(kb_source_checksum(data_dir() + "/kb"));
}

}  // namespace

BENCHMARK(BM_EntitiesLinkWithNer)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesLinkWithoutNer)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesPipelineWithLinking)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesPipelineWithoutLinking)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesKbLoad)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesKbLoadBinary)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesKbLoadTsv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_EntitiesKbChecksum)->Unit(benchmark::kMillisecond);
