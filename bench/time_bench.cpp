// Speed of the time stage: find_timexes over real news text (the dev corpus and the
// TempEval-3 TimeBank + AQUAINT text with its tags stripped), with and without a DCT.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "time/time.hpp"
#include "util/util.hpp"

namespace {

std::string strip_tags(const std::string& xml) {
    auto b = xml.find("<TEXT>"), e = xml.find("</TEXT>");
    if (b == std::string::npos || e == std::string::npos || e < b) return {};
    std::string out;
    bool tag = false;
    for (size_t i = b + 6; i < e; ++i) {
        if (xml[i] == '<') tag = true;
        else if (xml[i] == '>') tag = false;
        else if (!tag) out += xml[i];
    }
    return out;
}

const std::vector<std::string>& corpus() {
    static const std::vector<std::string> docs = [] {
        std::vector<std::string> d;
        namespace fs = std::filesystem;
        std::error_code ec;
        std::string shared = PARLEY_SHARED_DIR;
        for (const auto& e : fs::directory_iterator(shared + "/corpus/dev", ec))
            if (e.path().extension() == ".txt") d.push_back(parley::read_file(e.path().string()));
        for (const char* part : {"TimeBank", "AQUAINT"})
            for (const auto& e : fs::directory_iterator(shared + "/data/tempeval3/TBAQ-cleaned/" + part, ec))
                if (e.path().extension() == ".tml") d.push_back(strip_tags(parley::read_file(e.path().string())));
        return d;
    }();
    return docs;
}

void run(benchmark::State& state, const char* dct) {
    const auto& docs = corpus();
    if (docs.empty()) {
        state.SkipWithError("no corpus under PARLEY_SHARED_DIR");
        return;
    }
    parley::find_timexes("warm up on Friday", dct);  // load the grammar outside the timing
    size_t bytes = 0, found = 0;
    for (auto _ : state) {
        for (const auto& d : docs) {
            auto t = parley::find_timexes(d, dct);
            found += t.size();
            bytes += d.size();
        }
    }
    state.SetBytesProcessed(int64_t(bytes));
    state.counters["timexes_per_pass"] = double(found) / double(state.iterations());
}

void BM_FindTimexesWithDct(benchmark::State& state) { run(state, "2022-03-10"); }
void BM_FindTimexesNoDct(benchmark::State& state) { run(state, ""); }
BENCHMARK(BM_FindTimexesWithDct)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindTimexesNoDct)->Unit(benchmark::kMillisecond);

}  // namespace

