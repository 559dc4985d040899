// text: sentences, tokens, part-of-speech tags, lemmas and dependency trees over the clean
// text. Tokenisation is rule-based; tagging and parsing use trained models from models/.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace parley {

struct TextModels;  // tagger + parser weights; defined by the text stage

// Load the models under `dir` (models/). Returns nullptr when none are there: the
// pipeline still runs, with tokens and sentences only.
std::shared_ptr<const TextModels> load_text_models(const std::string& dir);

// Split Document::text into sentences and tokens (fills sentences, tokens).
void tokenize(Document& doc);
// Tokenise a standalone string (for tools and tests); offsets are into `text`.
std::vector<Span> tokenize_spans(std::string_view text);

// Tag, lemmatise and parse every sentence (fills upos, xpos, lemma, head, deprel).
void tag_and_parse(Document& doc, const TextModels& models);

// tokenize + tag_and_parse when models are given.
void analyze_text(Document& doc, const TextModels* models);

// Small syntax queries for later stages (all indices into Document::tokens).
std::vector<uint32_t> children(const Document& doc, uint32_t token);
bool is_negated(const Document& doc, uint32_t token);  // has a `neg`-like dependent ("not")
Span subtree_span(const Document& doc, uint32_t token);
// The first dependent of `token` whose relation is `deprel` or a subtype of it ("nsubj"
// also matches "nsubj:pass"), or -1.
int32_t dependent(const Document& doc, uint32_t token, std::string_view deprel);
// All such dependents, in text order ("conj" of a coordinated subject, several "obl").
std::vector<uint32_t> dependents(const Document& doc, uint32_t token, std::string_view deprel);
// The root token of a sentence (head -1), or -1 when the sentence is unparsed.
int32_t sentence_root(const Document& doc, uint32_t sentence);

}  // namespace parley
