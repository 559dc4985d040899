// Speed of the clean stage: HTML pages per second on the article-extraction pages, and
// plain-text throughput on the development corpus. Inputs are read and decompressed
// before timing; only clean_document is measured.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "clean/clean.hpp"
#include "ingest/ingest.hpp"
#include "util/util.hpp"

using namespace parley;
namespace fs = std::filesystem;

namespace {

std::vector<Document> load(const fs::path& dir) {
    std::vector<Document> docs;
    if (!fs::exists(dir)) return docs;
    ingest_paths({dir.string()}, [&](Document&& d) { docs.push_back(std::move(d)); }, [](const IngestProblem&) {});
    return docs;
}

void BM_CleanHtmlPages(benchmark::State& state) {
    static const std::vector<Document> pages = load(fs::path(PARLEY_SHARED_DIR) / "data" / "article-extraction" / "html");
    if (pages.empty()) {
        state.SkipWithError("no ../shared/data/article-extraction/html");
        return;
    }
    size_t bytes = 0;
    for (auto _ : state) {
        for (const Document& p : pages) {
            Document d = p;
            clean_document(d);
            benchmark::DoNotOptimize(d.text.data());
            bytes += p.raw.size();
        }
    }
    state.SetItemsProcessed(int64_t(state.iterations() * pages.size()));
    state.SetBytesProcessed(int64_t(bytes));
    state.SetLabel("items/s = HTML pages/s");
}
BENCHMARK(BM_CleanHtmlPages)->Unit(benchmark::kMillisecond);

void BM_CleanPlainText(benchmark::State& state) {
    static const std::vector<Document> texts = load(fs::path(PARLEY_SHARED_DIR) / "corpus" / "dev");
    if (texts.empty()) {
        state.SkipWithError("no ../shared/corpus/dev");
        return;
    }
    size_t bytes = 0;
    for (auto _ : state) {
        for (const Document& t : texts) {
            Document d = t;
            clean_document(d);
            benchmark::DoNotOptimize(d.text.data());
            bytes += t.raw.size();
        }
    }
    state.SetItemsProcessed(int64_t(state.iterations() * texts.size()));
    state.SetBytesProcessed(int64_t(bytes));
}
BENCHMARK(BM_CleanPlainText)->Unit(benchmark::kMillisecond);

}  // namespace
