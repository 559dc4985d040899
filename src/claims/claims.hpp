// claims: quotations and reported speech with their speaker, the chain of sources that
// relays them ("TASS quotes Lavrov"), anonymity, and what they dispute.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/document.hpp"

namespace parley {

// Cue words and phrases by class (data/claims/cues.tsv): speech, relay, according, dispute,
// dispute_object, no_comment, anonymity, anon_head, indefinite, audience.
struct ClaimLexicon {
    std::unordered_map<std::string, std::vector<std::vector<std::string>>> phrases;
};

std::shared_ptr<const ClaimLexicon> load_claim_lexicon(const std::string& dir);

// Find claims (fills Document::claims). Needs sentences, tokens and entities.
void extract_claims(Document& doc, const ClaimLexicon& lex);

// Same, with the lexicon from data_dir()/claims (loaded once per process).
void extract_claims(Document& doc);

}  // namespace parley
