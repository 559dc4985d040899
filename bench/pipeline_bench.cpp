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

using namespace parley;

namespace {

struct Corpus {
    std::vector<std::pair<std::string, std::string>> files;  // name, bytes
    size_t bytes = 0;
};

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus c;
        std::string dir = std::string(PARLEY_SHARED_DIR) + "/corpus/dev";
        if (!std::filesystem::is_directory(dir)) dir = std::string(PARLEY_SOURCE_DIR) + "/examples";
        std::vector<std::string> paths;
        for (auto& e : std::filesystem::directory_iterator(dir))
            if (e.is_regular_file() && e.path().extension() != ".tsv" && e.path().extension() != ".md")
                paths.push_back(e.path().string());
        std::sort(paths.begin(), paths.end());
        for (auto& p : paths) {
            std::string b = read_file(p);
            c.bytes += b.size();
            c.files.emplace_back(base_name(p), std::move(b));
        }
        return c;
    }();
    return c;
}

const Resources& resources() {
    static const Resources r = load_resources();
    return r;
}

std::vector<Document> ingested() {
    std::vector<Document> docs;
    for (auto& [name, bytes] : corpus().files)
        ingest_buffer(name, bytes, [&](Document&& d) { docs.push_back(std::move(d)); }, [](const IngestProblem&) {});
    return docs;
}

// Documents processed up to (not including) `stage`, so a benchmark times one stage alone.
enum class Upto { ingest, clean, text, time, entities, events, claims };
std::vector<Document> prepared(Upto stage) {
    auto docs = ingested();
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
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(corpus().files.size()));
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(corpus().bytes));
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    state.counters["peak_rss_MB"] = double(ru.ru_maxrss) / 1024.0;
    state.counters["docs"] = double(corpus().files.size());
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

void BM_Ingest(benchmark::State& state) {
    for (auto _ : state) {
        size_t n = 0;
        for (auto& [name, bytes] : corpus().files)
            n += ingest_buffer(name, bytes, [](Document&&) {}, [](const IngestProblem&) {});
        benchmark::DoNotOptimize(n);
    }
    finish(state);
}
void BM_Clean(benchmark::State& s) { run_stage(s, Upto::clean, [](Document& d) { clean_document(d); }); }
void BM_Text(benchmark::State& s) {
    run_stage(s, Upto::text, [](Document& d) { analyze_text(d, resources().text_models.get()); });
}
void BM_Time(benchmark::State& s) {
    run_stage(s, Upto::time, [](Document& d) {
        resolve_dct(d);
        tag_timexes(d);
    });
}
void BM_Entities(benchmark::State& s) {
    run_stage(s, Upto::entities, [](Document& d) { link_entities(d, *resources().kb); });
}
void BM_Events(benchmark::State& s) {
    run_stage(s, Upto::events, [](Document& d) { extract_events(d, *resources().events); });
}
void BM_Claims(benchmark::State& s) { run_stage(s, Upto::claims, [](Document& d) { extract_claims(d, *resources().claims); }); }
void BM_Pipeline(benchmark::State& s) {
    run_stage(s, Upto::clean, [](Document& d) { process(d, resources()); });
}

}  // namespace

BENCHMARK(BM_Ingest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Clean)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Text)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Time)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Entities)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Events)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Claims)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond);
