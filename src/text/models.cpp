// Model loading and tagging/parsing. Until trained models ship under models/, this stage
// provides tokens and sentences only; load_text_models() then returns nullptr.
#include <filesystem>

#include "text/text.hpp"

namespace parley {

struct TextModels {
    std::string dir;
};

std::shared_ptr<const TextModels> load_text_models(const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(dir) / "tagger.bin", ec)) return nullptr;
    auto m = std::make_shared<TextModels>();
    m->dir = dir;
    return m;
}

void tag_and_parse(Document&, const TextModels&) {}

}  // namespace parley
