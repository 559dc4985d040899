// Model loading and the tag/lemmatise/parse step over a Document's sentences.
#include <filesystem>

#include "text/learn.hpp"
#include "text/text.hpp"
#include "util/util.hpp"

namespace parley {

struct TextModels {
    text::TaggerModel tagger;
    std::unique_ptr<text::ParserModel> parser;  // optional: tags and lemmas still work without it
};

std::shared_ptr<const TextModels> load_text_models(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path tagger = fs::path(dir) / "tagger.bin";
    if (!fs::exists(tagger, ec)) return nullptr;
    auto m = std::make_shared<TextModels>();
    m->tagger = text::load_tagger(tagger.string());
    fs::path parser = fs::path(dir) / "parser.bin";
    if (fs::exists(parser, ec)) m->parser = std::make_unique<text::ParserModel>(text::load_parser(parser.string()));
    return m;
}

void tag_and_parse(Document& doc, const TextModels& models) {
    std::vector<std::string_view> forms, xpos, upos;
    std::vector<uint16_t> tags, labels, clusters;
    std::vector<int> heads;
    for (const Sentence& s : doc.sentences) {
        if (s.token_count == 0) continue;
        forms.clear();
        for (uint32_t i = 0; i < s.token_count; ++i) forms.push_back(doc.slice(doc.tokens[s.first_token + i].span));
        text::tag_words(models.tagger, forms, tags, &clusters);
        xpos.clear();
        upos.clear();
        for (uint32_t i = 0; i < s.token_count; ++i) {
            Token& t = doc.tokens[s.first_token + i];
            t.upos = models.tagger.upos[tags[i]];
            t.cluster = clusters[i];
            t.xpos = models.tagger.xpos[tags[i]];
            t.lemma = text::lemmatize(models.tagger, forms[i], tags[i]);
            xpos.push_back(t.xpos);
            upos.push_back(t.upos);
        }
        if (!models.parser) continue;
        text::parse_words(*models.parser, forms, xpos, upos, heads, labels);
        for (uint32_t i = 0; i < s.token_count; ++i) {
            Token& t = doc.tokens[s.first_token + i];
            t.head = heads[i] < 0 ? -1 : int32_t(s.first_token) + heads[i];
            t.deprel = models.parser->deprels[labels[i]];
        }
    }
}

namespace text {

void annotate_sentences(std::vector<ConllSentence>& sents, const TaggerModel& tagger, const ParserModel* parser) {
    std::vector<std::string_view> forms, xpos, upos;
    std::vector<uint16_t> tags, labels;
    std::vector<int> heads;
    for (auto& s : sents) {
        forms.clear();
        for (auto& w : s.words) forms.push_back(w.form);
        tag_words(tagger, forms, tags);
        for (size_t i = 0; i < s.words.size(); ++i) {
            s.words[i].upos = tagger.upos[tags[i]];
            s.words[i].xpos = tagger.xpos[tags[i]];
            s.words[i].lemma = lemmatize(tagger, s.words[i].form, tags[i]);
        }
        if (!parser) continue;
        xpos.clear();
        upos.clear();
        for (auto& w : s.words) xpos.push_back(w.xpos), upos.push_back(w.upos);
        parse_words(*parser, forms, xpos, upos, heads, labels);
        for (size_t i = 0; i < s.words.size(); ++i) {
            s.words[i].head = heads[i];
            s.words[i].deprel = parser->deprels[labels[i]];
        }
    }
}

void annotate_sentences(std::vector<ConllSentence>& sents, const TextModels& models) {
    annotate_sentences(sents, models.tagger, models.parser.get());
}

}  // namespace text
}  // namespace parley
