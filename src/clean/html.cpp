// HTML: parse with gumbo, read metadata, pick the main-content element by scoring the DOM
// (paragraph text, link density, tag/class/id signals) and turn its blocks into body text.
// Every walk is iterative so that deeply nested pages cannot exhaust the stack.
#include <gumbo.h>
#include <re2/re2.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "clean/clean.hpp"
#include "clean/clean_internal.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

bool is_skipped_tag(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
        case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
        case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FIGCAPTION:
            return true;
        default: return false;
    }
}

bool is_block(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
        case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_DIV: case GUMBO_TAG_TD:
        case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BR: case GUMBO_TAG_TR:
        case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_MAIN:
            return true;
        default: return false;
    }
}

std::string attr(const GumboNode* n, const char* name) {
    if (n->type != GUMBO_NODE_ELEMENT) return {};
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : "";
}

// Class/id words that signal boilerplate or content containers.
int class_signal(const GumboNode* n) {
    std::string s = to_lower_ascii(attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "role"));
    if (s.size() <= 2) return 0;
    static const RE2 bad(R"((comment|share|social|related|newsletter|subscribe|promo|sidebar|footer|cookie|consent|banner|menu|nav|breadcrumb|widget|advert|\bads?\b|sponsor|popup|modal|caption|credit|tags|author-bio|recommend|trending|most-read|signup))");
    static const RE2 good(R"((article|story|entry-content|post-content|content-body|article-body|main-content|\bbody\b|text))");
    int score = 0;
    if (RE2::PartialMatch(s, bad)) score -= 25;
    if (RE2::PartialMatch(s, good)) score += 25;
    return score;
}

struct Block {
    std::string text;
    uint32_t raw_offset = 0;
};

// Collect the text of `root` as blocks, one per block-level element run.
std::vector<Block> collect_blocks(const GumboNode* root) {
    std::vector<Block> blocks;
    Block cur;
    bool have_offset = false;
    auto end_block = [&] {
        if (!trim(cur.text).empty()) blocks.push_back(std::move(cur));
        cur = Block{};
        have_offset = false;
    };
    // stack of (node, entering?)
    std::vector<std::pair<const GumboNode*, bool>> st{{root, true}};
    while (!st.empty()) {
        auto [n, enter] = st.back();
        st.pop_back();
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
            n->type == GUMBO_NODE_CDATA) {
            std::string_view t = n->v.text.text;
            if (!have_offset && !trim(t).empty()) {
                cur.raw_offset = static_cast<uint32_t>(n->v.text.start_pos.offset);
                have_offset = true;
            }
            // collapse internal whitespace as a browser does
            for (char c : t) {
                bool sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';
                if (sp) {
                    if (!cur.text.empty() && cur.text.back() != ' ') cur.text += ' ';
                } else {
                    cur.text += c;
                }
            }
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag tag = n->v.element.tag;
        if (!enter) {
            if (is_block(tag)) end_block();
            continue;
        }
        if (is_skipped_tag(tag) || class_signal(n) < 0) continue;
        if (is_block(tag)) end_block();
        st.push_back({n, false});
        const GumboVector& ch = n->v.element.children;
        for (unsigned i = ch.length; i-- > 0;)
            st.push_back({static_cast<const GumboNode*>(ch.data[i]), true});
    }
    end_block();
    return blocks;
}

struct Metadata {
    std::string title, date, outlet, author, charset;
};

void read_metadata(const GumboNode* root, Metadata& m) {
    std::vector<const GumboNode*> st{root};
    while (!st.empty()) {
        const GumboNode* n = st.back();
        st.pop_back();
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag tag = n->v.element.tag;
        if (tag == GUMBO_TAG_TITLE && m.title.empty() && n->v.element.children.length > 0) {
            auto* c = static_cast<const GumboNode*>(n->v.element.children.data[0]);
            if (c->type == GUMBO_NODE_TEXT) m.title = std::string(trim(c->v.text.text));
        } else if (tag == GUMBO_TAG_META) {
            std::string prop = to_lower_ascii(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"));
            std::string content = attr(n, "content");
            if ((prop == "article:published_time" || prop == "datepublished" ||
                 prop == "og:published_time" || prop == "pubdate" || prop == "date") &&
                m.date.empty())
                m.date = content;
            else if (prop == "og:site_name" && m.outlet.empty())
                m.outlet = content;
            else if ((prop == "author" || prop == "article:author") && m.author.empty())
                m.author = content;
            else if (prop == "og:title" && !content.empty())
                m.title = content;
        } else if (tag == GUMBO_TAG_TIME && m.date.empty()) {
            m.date = attr(n, "datetime");
        } else if (tag == GUMBO_TAG_SCRIPT && to_lower_ascii(attr(n, "type")) == "application/ld+json" &&
                   n->v.element.children.length > 0) {
            auto* c = static_cast<const GumboNode*>(n->v.element.children.data[0]);
            if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
                auto j = nlohmann::json::parse(c->v.text.text, nullptr, false);
                std::vector<const nlohmann::json*> q{&j};
                while (!q.empty()) {
                    const nlohmann::json* x = q.back();
                    q.pop_back();
                    if (x->is_array()) {
                        for (auto& e : *x) q.push_back(&e);
                    } else if (x->is_object()) {
                        if (auto it = x->find("datePublished"); it != x->end() && it->is_string() && m.date.empty())
                            m.date = it->get<std::string>();
                        if (auto it = x->find("@graph"); it != x->end()) q.push_back(&*it);
                    }
                }
            }
        }
        const GumboVector& ch = n->v.element.children;
        for (unsigned i = 0; i < ch.length; ++i) st.push_back(static_cast<const GumboNode*>(ch.data[i]));
    }
}

// Score containers by the paragraph text they hold (Readability's idea, simplified): each
// paragraph gives its parent its weight and its grandparent half of it.
const GumboNode* best_container(const GumboNode* root) {
    std::unordered_map<const GumboNode*, double> score;
    std::vector<std::pair<const GumboNode*, int>> st{{root, 0}};
    while (!st.empty()) {
        auto [n, depth] = st.back();
        st.pop_back();
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag tag = n->v.element.tag;
        if (is_skipped_tag(tag)) continue;
        if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_BLOCKQUOTE) {
            size_t text_len = 0, link_len = 0, commas = 0;
            std::vector<std::pair<const GumboNode*, bool>> in{{n, false}};
            while (!in.empty()) {
                auto [m, in_link] = in.back();
                in.pop_back();
                if (m->type == GUMBO_NODE_TEXT) {
                    text_len += std::string_view(m->v.text.text).size();
                    if (in_link) link_len += std::string_view(m->v.text.text).size();
                    for (char c : std::string_view(m->v.text.text)) commas += c == ',';
                } else if (m->type == GUMBO_NODE_ELEMENT) {
                    bool l = in_link || m->v.element.tag == GUMBO_TAG_A;
                    const GumboVector& ch = m->v.element.children;
                    for (unsigned i = 0; i < ch.length; ++i)
                        in.push_back({static_cast<const GumboNode*>(ch.data[i]), l});
                }
            }
            if (text_len >= 25) {
                double w = 1.0 + double(commas) + std::min(3.0, double(text_len) / 100.0);
                w *= 1.0 - double(link_len) / double(text_len);
                const GumboNode* p = n->parent;
                if (p) score[p] += w;
                if (p && p->parent) score[p->parent] += w / 2.0;
            }
            continue;
        }
        if (depth > 4000) continue;  // pathological nesting: do not descend further
        const GumboVector& ch = n->v.element.children;
        for (unsigned i = 0; i < ch.length; ++i)
            st.push_back({static_cast<const GumboNode*>(ch.data[i]), depth + 1});
    }
    const GumboNode* best = nullptr;
    double best_score = 0.0;
    for (auto& [n, s] : score) {
        double adj = s + class_signal(n) / 5.0;
        if (n->type == GUMBO_NODE_ELEMENT &&
            (n->v.element.tag == GUMBO_TAG_ARTICLE || n->v.element.tag == GUMBO_TAG_MAIN))
            adj += 3.0;
        if (adj > best_score) {
            best_score = adj;
            best = n;
        }
    }
    return best;
}

std::string declared_charset(std::string_view raw) {
    static const RE2 cs_re(R"((?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+))");
    std::string cs;
    RE2::PartialMatch(raw.substr(0, std::min<size_t>(raw.size(), 4096)), cs_re, &cs);
    return cs;
}

}  // namespace

void clean_html(Document& doc) {
    std::string cs = to_lower_ascii(declared_charset(doc.raw));
    bool valid = !find_invalid_utf8(doc.raw).has_value();
    if ((!cs.empty() && cs != "utf-8" && cs != "utf8") || !valid) {
        // Declared non-UTF-8, or undeclared and invalid: convert (windows-1252 fallback).
        std::string from = (cs.empty() || cs == "utf-8" || cs == "utf8") ? "windows-1252" : cs;
        doc.raw = to_utf8(doc.raw, from);
        doc.removed.push_back({"", "charset: converted from " + from});
    }
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 1000;
    GumboOutput* out = gumbo_parse_with_options(&opts, doc.raw.data(), doc.raw.size());
    if (!out) {
        doc.removed.push_back({"", "html: parse failed"});
        return;
    }
    Metadata m;
    read_metadata(out->root, m);
    if (doc.title.empty()) doc.title = normalize_unicode(m.title);
    if (doc.outlet.empty()) doc.outlet = m.outlet;
    if (doc.author.empty()) doc.author = m.author;
    if (!m.date.empty() && doc.dct.source != DctSource::metadata) {
        static const RE2 ymd(R"((\d{4}-\d{2}-\d{2}))");
        std::string d;
        if (RE2::PartialMatch(m.date, ymd, &d)) {
            doc.dct.value = d;
            doc.dct.source = DctSource::metadata;
            doc.dct.evidence = "html metadata: " + m.date;
        }
    }
    const GumboNode* main = best_container(out->root);
    if (!main) main = out->root;
    std::vector<Block> blocks = collect_blocks(main);
    // Assemble as a text document, one block per paragraph, so line-level boilerplate
    // removal applies to HTML too.
    for (const Block& b : blocks) {
        std::string_view t = trim(b.text);
        if (t.empty()) continue;
        if (!doc.title.empty() && doc.text.empty() && fold_case(t) == fold_case(doc.title)) continue;
        LineFeatures f = line_features(t);
        std::string why = classify_line(t, f);
        if (!why.empty()) {
            if (why == "timestamp") doc.date_signals.emplace_back(t);
            doc.removed.push_back({std::string(t), why});
            continue;
        }
        if (!doc.text.empty()) doc.text += "\n\n";
        std::string fixed = normalize_unicode(t);
        doc.offsets.push_back({static_cast<uint32_t>(doc.text.size()), b.raw_offset,
                               static_cast<uint32_t>(std::min(fixed.size(), t.size()))});
        doc.text += fixed;
    }
    gumbo_destroy_output(&opts, out);
}

}  // namespace parley
