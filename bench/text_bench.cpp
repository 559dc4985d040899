// Speed of the text stage: model loading, tagging + parsing (gold tokens from EWT dev),
// tagging alone, and tokenisation + sentence splitting of EWT dev raw text.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "text/learn.hpp"
#include "text/text.hpp"
#include "util/util.hpp"

using namespace parley;

namespace {
const std::string kDev = std::string(PARLEY_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";

std::shared_ptr<const TextModels> shipped() {
    static auto m = load_text_models(std::string(PARLEY_SOURCE_DIR) + "/models");
    return m;
}
const std::vector<text::ConllSentence>* dev() {
    static std::vector<text::ConllSentence> d =
        std::filesystem::exists(kDev) ? text::read_conllu(kDev) : std::vector<text::ConllSentence>{};
    return d.empty() ? nullptr : &d;
}
size_t word_count(const std::vector<text::ConllSentence>& s) {
    size_t n = 0;
    for (const auto& x : s) n += x.words.size();
    return n;
}
}  // namespace

static void BM_TextModelLoad(benchmark::State& state) {
    for (auto _ : state) {
        auto m = load_text_models(std::string(PARLEY_SOURCE_DIR) + "/models");
        if (!m) {
            state.SkipWithError("no models under models/");
            return;
        }
        benchmark::DoNotOptimize(m);
    }
}
BENCHMARK(BM_TextModelLoad)->Unit(benchmark::kMillisecond);

// Tagging + lemmatising + parsing of every EWT dev sentence; items = words.
static void BM_TextTagParse(benchmark::State& state) {
    if (!shipped() || !dev()) {
        state.SkipWithError("needs models/ and ../shared EWT dev");
        return;
    }
    auto sents = *dev();
    for (auto _ : state) text::annotate_sentences(sents, *shipped());
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(word_count(sents)));
}
BENCHMARK(BM_TextTagParse)->Unit(benchmark::kMillisecond);

static void BM_TextTagOnly(benchmark::State& state) {
    if (!shipped() || !dev()) {
        state.SkipWithError("needs models/ and ../shared EWT dev");
        return;
    }
    auto tagger = text::load_tagger(std::string(PARLEY_SOURCE_DIR) + "/models/tagger.bin");
    auto sents = *dev();
    for (auto _ : state) text::annotate_sentences(sents, tagger, nullptr);
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(word_count(sents)));
}
BENCHMARK(BM_TextTagOnly)->Unit(benchmark::kMillisecond);

// Parsing alone over every EWT dev sentence with tags predicted once up front (gold
// tokens); items = words. The parser's share of BM_TextTagParse, measured directly instead
// of as the difference of two noisy figures. `width` > 0 overrides the model's beam width
// (the speed of a width depends on the width, hardly on the weights).
// PARLEY_BENCH_PARSER=FILE benchmarks another parser model file.
static void parse_only(benchmark::State& state, int width) {
    if (!shipped() || !dev()) {
        state.SkipWithError("needs models/ and ../shared EWT dev");
        return;
    }
    const char* other = std::getenv("PARLEY_BENCH_PARSER");
    auto parser = text::load_parser(other ? std::string(other) : std::string(PARLEY_SOURCE_DIR) + "/models/parser.bin");
    if (width > 0) parser.beam = width;
    auto tagger = text::load_tagger(std::string(PARLEY_SOURCE_DIR) + "/models/tagger.bin");
    auto sents = *dev();
    text::annotate_sentences(sents, tagger, nullptr);
    std::vector<std::vector<std::string_view>> forms(sents.size()), xpos(sents.size()), upos(sents.size());
    for (size_t i = 0; i < sents.size(); ++i)
        for (const auto& w : sents[i].words) {
            forms[i].push_back(w.form);
            xpos[i].push_back(w.xpos);
            upos[i].push_back(w.upos);
        }
    std::vector<int> heads;
    std::vector<uint16_t> labels;
    for (auto _ : state) {
        for (size_t i = 0; i < sents.size(); ++i) text::parse_words(parser, forms[i], xpos[i], upos[i], heads, labels);
        benchmark::DoNotOptimize(heads.data());
    }
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(word_count(sents)));
}
static void BM_TextParseOnly(benchmark::State& state) { parse_only(state, 0); }
BENCHMARK(BM_TextParseOnly)->Unit(benchmark::kMillisecond);
// The same at beam width K (argument), whatever width the model was trained with.
static void BM_TextParseBeam(benchmark::State& state) { parse_only(state, int(state.range(0))); }
BENCHMARK(BM_TextParseBeam)->Arg(1)->Arg(4)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond);

// Tokenisation and sentence splitting of the dev raw text; items = tokens.
static void BM_TextTokenize(benchmark::State& state) {
    if (!dev()) {
        state.SkipWithError("needs ../shared EWT dev");
        return;
    }
    std::string raw;
    for (const auto& s : *dev())
        for (const auto& c : s.comments)
            if (c.starts_with("# text = ")) raw += c.substr(9) + " ";
    size_t tokens = 0;
    for (auto _ : state) {
        Document d;
        d.text = raw;
        tokenize(d);
        tokens = d.tokens.size();
        benchmark::DoNotOptimize(d.tokens.data());
    }
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(tokens));
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(raw.size()));
}
BENCHMARK(BM_TextTokenize)->Unit(benchmark::kMillisecond);
