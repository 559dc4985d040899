// claims: quotations and reported speech with their speaker, the chain of sources that
// relays them ("TASS quotes Lavrov"), anonymity, and what they dispute.
#pragma once

#include "model/document.hpp"

namespace parley {

// Find claims (fills Document::claims). Needs sentences, tokens and entities.
void extract_claims(Document& doc);

}  // namespace parley
