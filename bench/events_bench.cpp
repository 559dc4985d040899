// How much events + claims add to the pipeline's time.
//
// Corpus: ../shared/corpus/dev (66 real articles) when present, else examples/. Resources are
// the repository's data/ (KB, event and claim tables) and models/ when present.
//   BM_PipelineBeforeEvents  clean -> text -> time -> entities on fresh copies of the input
//   BM_EventsAndClaims       extract_events + extract_claims on the documents that stage made
//   BM_Events / BM_Claims    each alone
// The ratio EventsAndClaims / PipelineBeforeEvents is the share events and claims add.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "claims/claims.hpp"
#include "clean/clean.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "time/time.hpp"

#include "bench_corpus.hpp"

using namespace parley;

namespace {

struct Corpus {
    Resources res;
    std::shared_ptr<const ClaimLexicon> claims;
    std::vector<Document> raw;        // as ingested
    std::vector<Document> processed;  // through entities
    size_t bytes = 0;
};

void before_events(Document& doc, const Resources& res) {
    clean_document(doc);
    analyze_text(doc, res.text_models.get());
    resolve_dct(doc);
    tag_timexes(doc);
    if (res.kb) link_entities(doc, *res.kb);
}

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus k;
        std::string root = PARLEY_SOURCE_DIR;
        k.res = load_resources(root + "/data", root + "/models");
        k.claims = load_claim_lexicon(root + "/data/claims");
        k.raw = bench::ingested_documents();
        for (const Document& d : k.raw) {
            Document p = d;
            before_events(p, k.res);
            k.bytes += p.text.size();
            k.processed.push_back(std::move(p));
        }
        return k;
    }();
    return c;
}

void BM_PipelineBeforeEvents(benchmark::State& state) {
    const Corpus& c = corpus();
    for (auto _ : state) {
        for (const Document& d : c.raw) {
            Document doc = d;
            before_events(doc, c.res);
            benchmark::DoNotOptimize(doc.entities.data());
        }
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(c.bytes));
    state.counters["docs"] = double(c.raw.size());
}

void BM_EventsAndClaims(benchmark::State& state) {
    const Corpus& c = corpus();
    std::vector<Document> docs = c.processed;
    size_t events = 0, claims = 0;
    for (auto _ : state) {
        for (Document& doc : docs) {
            extract_events(doc, *c.res.events);  // both clear their layer first
            extract_claims(doc, *c.claims);
        }
    }
    for (const Document& d : docs) {
        events += d.events.size();
        claims += d.claims.size();
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(c.bytes));
    state.counters["events"] = double(events);
    state.counters["claims"] = double(claims);
}

void BM_Events(benchmark::State& state) {
    const Corpus& c = corpus();
    std::vector<Document> docs = c.processed;
    for (auto _ : state)
        for (Document& doc : docs) extract_events(doc, *c.res.events);
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(c.bytes));
}

void BM_Claims(benchmark::State& state) {
    const Corpus& c = corpus();
    std::vector<Document> docs = c.processed;
    for (auto _ : state)
        for (Document& doc : docs) extract_claims(doc, *c.claims);
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(c.bytes));
}

}  // namespace

BENCHMARK(BM_PipelineBeforeEvents)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EventsAndClaims)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Events)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Claims)->Unit(benchmark::kMillisecond);
