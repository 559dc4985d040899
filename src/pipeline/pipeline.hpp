// pipeline: loads every stage's resources once and runs the stages over a document in
// order: clean -> text -> time (DCT) -> entities -> timexes -> events -> claims.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "claims/claims.hpp"
#include "entities/entities.hpp"
#include "events/events.hpp"
#include "model/document.hpp"
#include "text/text.hpp"

namespace parley {

struct Resources {
    std::shared_ptr<const TextModels> text_models;  // may be null: tokens only
    std::shared_ptr<const Kb> kb;
    std::shared_ptr<const EventLexicon> events;
    std::shared_ptr<const ClaimLexicon> claims;
};

// Load from data_dir()/models_dir() (or the given directories).
Resources load_resources(const std::string& data = "", const std::string& models = "");

// Run every stage after ingest on one document.
void process(Document& doc, const Resources& res);

// The per-document JSON of `parley annotate` (doc, dct, text, sentences, entities, ...).
nlohmann::json annotations_json(const Document& doc);

}  // namespace parley
