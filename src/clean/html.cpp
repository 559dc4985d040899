// HTML: decode the bytes (BOM, <meta charset>, validity), guard against pathological
// nesting, parse with gumbo, read metadata, then find the main content.
//
// Main-content extraction works on a segmentation of the page into text blocks (one per run
// of inline content between block-level tags). Each block carries features (length, link
// density, punctuation, tag context, class/id signals of its ancestors); paragraph-like
// blocks vote for their ancestors, the best-voted container (plus its qualifying siblings)
// is the article, and inside it each block is kept or dropped by the same features.
// Every walk is iterative so that deep trees cannot exhaust the stack.
#include <gumbo.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <vector>

#include "clean/clean.hpp"
#include "clean/clean_internal.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

// Elements whose content is never article text.
bool is_dropped_tag(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
        case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_MATH: case GUMBO_TAG_OPTION: case GUMBO_TAG_LABEL:
            return true;
        default: return false;
    }
}

// Page furniture by its tag: it may hold text, but rarely the article.
bool is_furniture_tag(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
        case GUMBO_TAG_MENU: case GUMBO_TAG_HEADER:
            return true;
        default: return false;
    }
}

bool is_block(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
        case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_DIV: case GUMBO_TAG_TD:
        case GUMBO_TAG_TH: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_TR:
        case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_MAIN:
        case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER:
        case GUMBO_TAG_BODY: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_HEADER: case GUMBO_TAG_FORM: case GUMBO_TAG_HR: case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_MENU:
        case GUMBO_TAG_HGROUP: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
            return true;
        default: return false;
    }
}

bool is_heading(GumboTag t) {
    return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
           t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

std::string attr(const GumboNode* n, const char* name) {
    if (n->type != GUMBO_NODE_ELEMENT) return {};
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : "";
}

// ---------------------------------------------------------------------------------------
// Charset

std::string declared_charset(std::string_view raw) {
    if (raw.starts_with("\xEF\xBB\xBF")) return "utf-8";
    if (raw.starts_with("\xFF\xFE")) return "utf-16le";
    if (raw.starts_with("\xFE\xFF")) return "utf-16be";
    // <meta charset=...> or <meta http-equiv content="...; charset=..."> in the first 8 KB,
    // where the HTML standard says a browser looks for it (1024 bytes, but real pages put
    // long <script> blocks first).
    static const RE2 cs_re(R"((?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+))");
    std::string cs;
    std::string_view head = raw.substr(0, std::min<size_t>(raw.size(), 8192));
    if (!RE2::PartialMatch(head, cs_re, &cs)) {
        static const RE2 xml_re(R"((?i)^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+))");
        RE2::PartialMatch(head, xml_re, &cs);
    }
    return to_lower_ascii(cs);
}

bool is_utf8_name(std::string_view cs) { return cs == "utf-8" || cs == "utf8"; }

// A page that says UTF-8 (or nothing) but is not: decide whether it is mostly UTF-8 with a
// few broken bytes (keep UTF-8, damage becomes U+FFFD) or a legacy 8-bit page (CP1252, the
// web's de facto default for undeclared Western pages).
bool mostly_utf8(std::string_view s) {
    size_t good = 0, bad = 0;
    size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        auto err = find_invalid_utf8(s.substr(i, 4));
        size_t before = i;
        char32_t c = next_code_point(s, i);
        if (c == 0xFFFD && (err && *err == 0)) ++bad;
        else ++good;
        if (i == before) ++i;
    }
    return good >= bad * 2;
}

// ---------------------------------------------------------------------------------------
// Pathological nesting: gumbo 0.10's tree destruction recurses once per level, and its
// formatting-element bookkeeping grows with depth. Before parsing, measure how deep the
// tag structure goes; beyond kMaxDepth, drop the excess tags (their text is kept), so the
// parser never sees a tree deeper than that.

constexpr int kMaxDepth = 512;

bool is_void_tag_name(std::string_view n) {
    static constexpr std::string_view kVoid[] = {"area", "base", "br", "col", "embed", "hr",
                                                  "img", "input", "link", "meta", "param",
                                                  "source", "track", "wbr", "keygen", "!doctype"};
    for (auto v : kVoid)
        if (n.size() == v.size() && to_lower_ascii(n) == v) return true;
    return false;
}

struct TagScan {
    size_t pos = 0;         // position after the tag
    std::string_view name;  // tag name, without '/'
    bool closing = false;
    bool self_closing = false;
    bool is_tag = false;
};

// Scan one tag starting at s[i] == '<'. Comments and raw-text elements are skipped whole.
TagScan scan_tag(std::string_view s, size_t i) {
    TagScan t;
    t.pos = i + 1;
    if (s.substr(i, 4) == "<!--") {
        size_t e = s.find("-->", i + 4);
        t.pos = e == std::string_view::npos ? s.size() : e + 3;
        return t;
    }
    size_t j = i + 1;
    if (j < s.size() && s[j] == '/') {
        t.closing = true;
        ++j;
    }
    size_t b = j;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '!' ||
                            s[j] == '-' || s[j] == ':'))
        ++j;
    if (j == b) return t;
    t.name = s.substr(b, j - b);
    size_t e = s.find('>', j);
    if (e == std::string_view::npos) {
        t.pos = s.size();
        return t;
    }
    t.self_closing = e > 0 && s[e - 1] == '/';
    t.pos = e + 1;
    t.is_tag = true;
    return t;
}

// Returns the input with tags deeper than kMaxDepth removed, or an empty string when the
// page never gets that deep (the common case; nothing is copied).
std::string flatten_deep_nesting(std::string_view s, size_t& dropped) {
    dropped = 0;
    int depth = 0, max_depth = 0;
    for (size_t i = s.find('<'); i != std::string_view::npos && i < s.size(); i = s.find('<', i)) {
        TagScan t = scan_tag(s, i);
        i = t.pos;
        if (!t.is_tag || t.self_closing || is_void_tag_name(t.name)) continue;
        depth += t.closing ? -1 : 1;
        if (depth < 0) depth = 0;
        max_depth = std::max(max_depth, depth);
    }
    if (max_depth <= kMaxDepth) return {};
    std::string out;
    out.reserve(s.size());
    depth = 0;
    size_t copied = 0;
    for (size_t i = s.find('<'); i != std::string_view::npos && i < s.size(); i = s.find('<', i)) {
        TagScan t = scan_tag(s, i);
        size_t start = i;
        i = t.pos;
        if (!t.is_tag || t.self_closing || is_void_tag_name(t.name)) continue;
        bool drop;
        if (t.closing) {
            drop = depth > kMaxDepth;
            depth = std::max(0, depth - 1);
        } else {
            ++depth;
            drop = depth > kMaxDepth;
        }
        if (drop) {
            out.append(s.substr(copied, start - copied));
            copied = t.pos;
            ++dropped;
        }
    }
    out.append(s.substr(copied));
    return out;
}

// ---------------------------------------------------------------------------------------
// Raw-text elements (<script>, <style>, inline <svg>) and comments are often half of a
// modern page, and the parser tokenises them byte by byte only for us to drop them. They
// are cut out before parsing (JSON-LD scripts are kept: they carry metadata); `segments`
// maps offsets in the cut text back to the raw input.

struct StrippedHtml {
    std::string text;
    std::vector<std::pair<uint32_t, uint32_t>> segments;  // (offset in text, offset in raw)
    uint32_t to_raw(uint32_t off) const {
        auto it = std::upper_bound(segments.begin(), segments.end(), off,
                                   [](uint32_t o, const std::pair<uint32_t, uint32_t>& sg) { return o < sg.first; });
        if (it == segments.begin()) return off;
        --it;
        return it->second + (off - it->first);
    }
};

bool starts_with_ci_at(std::string_view s, size_t i, std::string_view w) {
    if (i + w.size() > s.size()) return false;
    for (size_t k = 0; k < w.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(s[i + k])) != w[k]) return false;
    return true;
}

size_t find_ci(std::string_view s, std::string_view w, size_t from) {
    for (size_t i = s.find('<', from); i != std::string_view::npos; i = s.find('<', i + 1))
        if (starts_with_ci_at(s, i, w)) return i;
    return std::string_view::npos;
}

StrippedHtml strip_raw_text_elements(std::string_view s) {
    StrippedHtml out;
    out.text.reserve(s.size() / 2);
    size_t copied = 0;
    auto cut = [&](size_t from, size_t to) {
        out.text.append(s.substr(copied, from - copied));
        out.segments.emplace_back(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(to));
        copied = to;
    };
    out.segments.emplace_back(0, 0);
    for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i)) {
        if (s.compare(i, 4, "<!--") == 0) {
            size_t e = s.find("-->", i + 4);
            if (e == std::string_view::npos) break;
            cut(i, e + 3);
            i = e + 3;
            continue;
        }
        std::string_view name;
        for (std::string_view w : {"script", "style", "svg"})
            if (starts_with_ci_at(s, i + 1, w)) {
                char after = i + 1 + w.size() < s.size() ? s[i + 1 + w.size()] : '>';
                if (after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '\r' || after == '/')
                    name = w;
            }
        if (name.empty()) {
            ++i;
            continue;
        }
        size_t open_end = s.find('>', i);
        if (open_end == std::string_view::npos) break;
        std::string open_tag = to_lower_ascii(s.substr(i, open_end - i));
        if (name == "script" && open_tag.find("ld+json") != std::string::npos) {
            i = open_end + 1;
            continue;
        }
        std::string close = "</" + std::string(name);
        size_t c = find_ci(s, close, open_end + 1);
        if (c == std::string_view::npos) break;
        size_t close_end = s.find('>', c);
        if (close_end == std::string_view::npos) break;
        cut(i, close_end + 1);
        i = close_end + 1;
    }
    out.text.append(s.substr(copied));
    return out;
}

// ---------------------------------------------------------------------------------------
// Metadata

struct Metadata {
    std::string title, og_title, date, outlet, author, h1;
};

void read_json_ld(const nlohmann::json& root, Metadata& m) {
    std::vector<const nlohmann::json*> q{&root};
    size_t visited = 0;
    while (!q.empty() && ++visited < 10000) {
        const nlohmann::json* x = q.back();
        q.pop_back();
        if (x->is_array()) {
            for (auto& e : *x) q.push_back(&e);
        } else if (x->is_object()) {
            if (auto it = x->find("datePublished"); it != x->end() && it->is_string() && m.date.empty())
                m.date = it->get<std::string>();
            if (auto it = x->find("author"); it != x->end() && m.author.empty()) {
                const nlohmann::json* a = &*it;
                if (a->is_array() && !a->empty()) a = &(*a)[0];
                if (a->is_string()) m.author = a->get<std::string>();
                else if (a->is_object())
                    if (auto n = a->find("name"); n != a->end() && n->is_string()) m.author = n->get<std::string>();
            }
            if (auto it = x->find("publisher"); it != x->end() && it->is_object() && m.outlet.empty())
                if (auto n = it->find("name"); n != it->end() && n->is_string()) m.outlet = n->get<std::string>();
            if (auto it = x->find("headline"); it != x->end() && it->is_string() && m.og_title.empty())
                m.og_title = it->get<std::string>();
            if (auto it = x->find("@graph"); it != x->end()) q.push_back(&*it);
        }
    }
}

std::string node_text(const GumboNode* n, size_t limit = 2000) {
    std::string out;
    std::vector<const GumboNode*> st{n};
    while (!st.empty() && out.size() < limit) {
        const GumboNode* x = st.back();
        st.pop_back();
        if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_WHITESPACE) {
            out += x->v.text.text;
        } else if (x->type == GUMBO_NODE_ELEMENT && !is_dropped_tag(x->v.element.tag)) {
            const GumboVector& ch = x->v.element.children;
            for (unsigned i = ch.length; i-- > 0;) st.push_back(static_cast<const GumboNode*>(ch.data[i]));
        }
    }
    return out;
}

void read_metadata(const GumboNode* root, Metadata& m) {
    std::vector<const GumboNode*> st{root};
    while (!st.empty()) {
        const GumboNode* n = st.back();
        st.pop_back();
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag tag = n->v.element.tag;
        if (tag == GUMBO_TAG_TITLE && m.title.empty()) {
            m.title = std::string(trim(node_text(n, 500)));
        } else if (tag == GUMBO_TAG_H1 && m.h1.empty()) {
            m.h1 = std::string(trim(node_text(n, 500)));
        } else if (tag == GUMBO_TAG_META) {
            std::string prop = to_lower_ascii(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"));
            std::string content = std::string(trim(attr(n, "content")));
            if (content.empty()) continue;
            if ((prop == "article:published_time" || prop == "datepublished" ||
                 prop == "og:published_time" || prop == "pubdate" || prop == "date" ||
                 prop == "dc.date" || prop == "dc.date.issued" || prop == "publishdate") &&
                m.date.empty())
                m.date = content;
            else if (prop == "og:site_name" && m.outlet.empty())
                m.outlet = content;
            else if ((prop == "author" || prop == "article:author" || prop == "dc.creator") &&
                     m.author.empty() && content.find("://") == std::string::npos)
                m.author = content;
            else if ((prop == "og:title" || prop == "twitter:title") && m.og_title.empty())
                m.og_title = content;
        } else if (tag == GUMBO_TAG_TIME && m.date.empty()) {
            m.date = attr(n, "datetime");
        } else if (tag == GUMBO_TAG_SCRIPT && to_lower_ascii(attr(n, "type")) == "application/ld+json" &&
                   n->v.element.children.length > 0) {
            auto* c = static_cast<const GumboNode*>(n->v.element.children.data[0]);
            if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
                auto j = nlohmann::json::parse(c->v.text.text, nullptr, false);
                if (!j.is_discarded()) read_json_ld(j, m);
            }
            continue;
        }
        const GumboVector& ch = n->v.element.children;
        for (unsigned i = ch.length; i-- > 0;) st.push_back(static_cast<const GumboNode*>(ch.data[i]));
    }
}

// ---------------------------------------------------------------------------------------
// Segmentation into blocks

struct Node {
    int parent = -1;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    int signal = 0;         // class/id/role/tag evidence: < 0 furniture, > 0 content
    uint32_t depth = 0;
    double chars = 0;       // text in the subtree
    double link_chars = 0;  // of which inside links
    double votes = 0;       // paragraph votes received
    bool candidate = false;
    bool furniture = false;  // this node or an ancestor has a negative signal
    uint64_t class_hash = 0; // hash of the class attribute, 0 when there is none
    std::string label;  // tag#id.class, only when PARLEY_CLEAN_DEBUG is set
};

bool debug_enabled() {
    static const bool on = std::getenv("PARLEY_CLEAN_DEBUG") != nullptr;
    return on;
}

struct Block {
    std::string text;
    int owner = -1;  // innermost block-level element
    uint32_t raw_offset = 0;
    size_t chars = 0;
    size_t link_chars = 0;
    bool heading = false;
    bool caption = false;
    bool list_item = false;
    bool cell = false;
    bool preformatted = false;
};

struct Page {
    std::vector<Node> nodes;
    std::vector<Block> blocks;
};

// Class/id/role words as evidence; the word lists live in data/clean/html_signals.tsv.
int class_signal(const GumboNode* n, const HtmlSignals& sig) {
    std::string s = attr(n, "class");
    s += ' ';
    s += attr(n, "id");
    s += ' ';
    s += attr(n, "role");
    s += ' ';
    s += attr(n, "itemprop");
    if (s.size() <= 4) return 0;
    s = to_lower_ascii(s);
    int score = 0;
    if (sig.negative && RE2::PartialMatch(s, *sig.negative)) score -= 25;
    if (sig.positive && RE2::PartialMatch(s, *sig.positive)) score += 25;
    // "hidden" content is not shown to a reader
    if (attr(n, "hidden").size() || attr(n, "aria-hidden") == "true") score -= 50;
    std::string style = to_lower_ascii(attr(n, "style"));
    if (style.find("display:none") != std::string::npos || style.find("display: none") != std::string::npos)
        score -= 50;
    return score;
}

Page segment(const GumboNode* body, const HtmlSignals& sig) {
    Page pg;
    pg.nodes.reserve(1024);
    Block cur;
    bool have_offset = false;
    int link_depth = 0;
    // Each stack entry: node, parent index, entering?
    struct Item {
        const GumboNode* n;
        int parent;
        bool enter;
        int self;  // index of the node once entered (for exit)
    };
    std::vector<int> owners;  // innermost block element stack
    std::vector<int> flags_heading, flags_caption, flags_li, flags_cell, flags_pre;
    int in_heading = 0, in_caption = 0, in_li = 0, in_cell = 0, in_pre = 0;
    auto end_block = [&] {
        std::string_view t = trim(cur.text);
        if (!t.empty()) {
            cur.text = std::string(t);
            cur.owner = owners.empty() ? 0 : owners.back();
            cur.heading = in_heading > 0;
            cur.caption = in_caption > 0;
            cur.list_item = in_li > 0;
            cur.cell = in_cell > 0;
            cur.preformatted = in_pre > 0;
            pg.blocks.push_back(std::move(cur));
        }
        cur = Block{};
        have_offset = false;
    };
    std::vector<Item> st{{body, -1, true, -1}};
    while (!st.empty()) {
        Item it = st.back();
        st.pop_back();
        const GumboNode* n = it.n;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
            n->type == GUMBO_NODE_CDATA) {
            std::string_view t = n->v.text.text;
            size_t added = 0;
            for (char c : t) {
                bool sp = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
                if (sp && !in_pre) {
                    if (!cur.text.empty() && cur.text.back() != ' ' && cur.text.back() != '\n') cur.text += ' ';
                } else {
                    if (!have_offset) {
                        cur.raw_offset = static_cast<uint32_t>(n->v.text.start_pos.offset);
                        have_offset = true;
                    }
                    cur.text += c;
                    if (static_cast<unsigned char>(c) < 0x80 || (static_cast<unsigned char>(c) & 0xC0) == 0xC0) ++added;
                }
            }
            cur.chars += added;
            if (link_depth > 0) cur.link_chars += added;
            if (it.parent >= 0) {
                pg.nodes[it.parent].chars += double(added);
                if (link_depth > 0) pg.nodes[it.parent].link_chars += double(added);
            }
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag tag = n->v.element.tag;
        if (!it.enter) {
            if (tag == GUMBO_TAG_A) --link_depth;
            if (is_block(tag)) {
                end_block();
                owners.pop_back();
            }
            if (is_heading(tag)) --in_heading;
            if (tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION) --in_caption;
            if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) --in_li;
            if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) --in_cell;
            if (tag == GUMBO_TAG_PRE) --in_pre;
            continue;
        }
        if (is_dropped_tag(tag)) continue;
        if (tag == GUMBO_TAG_BR) {
            if (!cur.text.empty() && cur.text.back() != '\n') {
                if (cur.text.back() == ' ') cur.text.pop_back();
                cur.text += '\n';
            }
            continue;
        }
        Node node;
        node.parent = it.parent;
        node.tag = tag;
        node.depth = it.parent >= 0 ? pg.nodes[it.parent].depth + 1 : 0;
        node.signal = class_signal(n, sig);
        if (const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, "class"); a && *a->value)
            node.class_hash = hash64(a->value);
        if (is_furniture_tag(tag)) node.signal -= 25;
        if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) node.signal += 15;
        node.furniture = node.signal < 0 || (it.parent >= 0 && pg.nodes[it.parent].furniture);
        if (debug_enabled())
            node.label = std::string(gumbo_normalized_tagname(tag)) + "#" + attr(n, "id") + "." + attr(n, "class");
        int self = static_cast<int>(pg.nodes.size());
        pg.nodes.push_back(node);
        if (tag == GUMBO_TAG_A) ++link_depth;
        if (is_block(tag)) {
            end_block();
            owners.push_back(self);
        }
        if (is_heading(tag)) ++in_heading;
        if (tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION) ++in_caption;
        if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) ++in_li;
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) ++in_cell;
        if (tag == GUMBO_TAG_PRE) ++in_pre;
        st.push_back({n, it.parent, false, self});
        const GumboVector& ch = n->v.element.children;
        for (unsigned i = ch.length; i-- > 0;)
            st.push_back({static_cast<const GumboNode*>(ch.data[i]), self, true, -1});
    }
    end_block();
    // Subtree totals: nodes are in pre-order, so children come after their parent.
    for (size_t i = pg.nodes.size(); i-- > 1;) {
        int p = pg.nodes[i].parent;
        if (p >= 0) {
            pg.nodes[p].chars += pg.nodes[i].chars;
            pg.nodes[p].link_chars += pg.nodes[i].link_chars;
        }
    }
    return pg;
}

size_t count_commas(std::string_view t) {
    size_t n = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] == ',') ++n;
        // fullwidth and ideographic commas (CJK text)
        else if (t.compare(i, 3, "\xEF\xBC\x8C") == 0 || t.compare(i, 3, "\xE3\x80\x81") == 0) ++n;
    }
    return n;
}

// Is any node from `owner` up to (not including) `root` furniture?
bool furniture_between(const Page& pg, int owner, int root) {
    // The root's own signal was weighed when it was chosen.
    for (int x = owner; x >= 0 && x != root; x = pg.nodes[x].parent)
        if (pg.nodes[x].signal < 0) return true;
    return false;
}

bool is_inside(const Page& pg, int node, int root) {
    for (int x = node; x >= 0; x = pg.nodes[x].parent)
        if (x == root) return true;
    return false;
}

// A whole sentence that happens to be a link (a paragraph linking to its source) is still
// prose: a long line that ends with a full stop, unlike the headline lists of related links.
bool linked_prose(std::string_view text) {
    LineFeatures f = line_features(text);
    std::string_view t = trim(text);
    return f.words >= 15 && !t.empty() && t.back() == '.' && f.stop_words * 5 >= f.sampled && f.cue_words == 0;
}

// Readability's idea, our weights: paragraph-like blocks vote for their ancestors; the
// container with the most votes, discounted by its link density, holds the article.
std::vector<int> choose_containers(Page& pg, bool allow_furniture) {
    for (const Block& b : pg.blocks) {
        if (b.chars < 25 || b.heading || b.caption) continue;
        if (!allow_furniture && b.owner >= 0 && pg.nodes[b.owner].furniture) continue;
        double ld = b.chars ? double(b.link_chars) / double(b.chars) : 0.0;
        if (ld > 0.5) continue;
        double w = 1.0 + double(count_commas(b.text)) + std::min(3.0, double(b.chars) / 100.0);
        w *= (1.0 - ld);
        int x = b.owner;
        // A <p> votes for its parent; a <div> used as a paragraph votes for itself too.
        if (x >= 0 && pg.nodes[x].tag != GUMBO_TAG_P && pg.nodes[x].tag != GUMBO_TAG_LI) {
            pg.nodes[x].votes += w;
            pg.nodes[x].candidate = true;
        }
        x = x >= 0 ? pg.nodes[x].parent : -1;
        for (int level = 1; x >= 0 && level <= 5; ++level, x = pg.nodes[x].parent) {
            double div = level == 1 ? 1.0 : level == 2 ? 2.0 : double(level) * 3.0;
            pg.nodes[x].votes += w / div;
            pg.nodes[x].candidate = true;
        }
    }
    auto final_score = [&](int i) {
        const Node& n = pg.nodes[i];
        double ld = n.chars > 0 ? n.link_chars / n.chars : 0.0;
        double base = 0;
        switch (n.tag) {
            case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN: base = 5; break;
            case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: base = 3; break;
            case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: base = -3; break;
            case GUMBO_TAG_TH: base = -5; break;
            default: break;
        }
        if (is_heading(n.tag)) base = -5;
        double factor = std::clamp(1.0 + 0.01 * double(n.signal), 0.25, 1.5);
        return (n.votes + base) * (1.0 - ld) * factor;
    };
    int best = -1;
    double best_score = 0;
    std::vector<double> score(pg.nodes.size(), 0.0);
    for (size_t i = 0; i < pg.nodes.size(); ++i) {
        if (!pg.nodes[i].candidate) continue;
        score[i] = final_score(static_cast<int>(i));
        if (score[i] > best_score) {
            best_score = score[i];
            best = static_cast<int>(i);
        }
    }
    if (best < 0) return {};
    // Several strong candidates that are not nested in each other (an article split into
    // sibling columns, each holding a few paragraphs): take the nearest ancestor of the
    // best that holds at least two of the others.
    {
        std::vector<int> alts;
        for (size_t i = 0; i < pg.nodes.size(); ++i) {
            int c = static_cast<int>(i);
            if (!pg.nodes[i].candidate || c == best || score[i] < 0.5 * best_score) continue;
            if (is_inside(pg, c, best) || is_inside(pg, best, c)) continue;
            alts.push_back(c);
        }
        for (int p = pg.nodes[best].parent; p > 0 && alts.size() >= 2; p = pg.nodes[p].parent) {
            size_t held = 0;
            for (int a : alts) held += is_inside(pg, a, p);
            if (held >= 2) {
                best = p;
                break;
            }
        }
    }
    // Walk up while an ancestor scores close to the best: the article often spans several
    // sibling containers that each collected part of the votes.
    {
        double last = best_score;
        double threshold = best_score / 3.0;
        for (int p = pg.nodes[best].parent; p > 0; p = pg.nodes[p].parent) {
            if (!pg.nodes[p].candidate) continue;
            if (score[p] < threshold) break;
            if (score[p] > last) {
                best = p;
                break;
            }
            last = score[p];
        }
    }
    if (debug_enabled()) {
        std::vector<int> order;
        for (size_t i = 0; i < pg.nodes.size(); ++i)
            if (pg.nodes[i].candidate) order.push_back(static_cast<int>(i));
        std::sort(order.begin(), order.end(), [&](int a, int b) { return score[a] > score[b]; });
        for (size_t k = 0; k < order.size() && k < 8; ++k)
            std::fprintf(stderr, "cand %d score=%.1f votes=%.1f sig=%d chars=%.0f %s\n", order[k], score[order[k]],
                         pg.nodes[order[k]].votes, pg.nodes[order[k]].signal, pg.nodes[order[k]].chars,
                         pg.nodes[order[k]].label.c_str());
        std::fprintf(stderr, "chosen %d %s\n", best, pg.nodes[best].label.c_str());
        for (int p = pg.nodes[best].parent; p >= 0; p = pg.nodes[p].parent)
            std::fprintf(stderr, "   up %s sig=%d\n", pg.nodes[p].label.c_str(), pg.nodes[p].signal);
    }
    std::vector<int> chosen{best};
    // An article body split into several chunks by the template: other strong containers
    // with exactly the same class as the chosen one (not nested in it) are more of it.
    if (pg.nodes[best].class_hash != 0) {
        for (size_t i = 0; i < pg.nodes.size(); ++i) {
            int c = static_cast<int>(i);
            if (c == best || !pg.nodes[i].candidate || pg.nodes[i].class_hash != pg.nodes[best].class_hash) continue;
            if (score[i] < 0.5 * score[best] || is_inside(pg, c, best) || is_inside(pg, best, c)) continue;
            chosen.push_back(c);
        }
    }
    int parent = pg.nodes[best].parent;
    if (parent >= 0) {
        double threshold = std::max(10.0, score[best] * 0.2);
        for (size_t i = 0; i < pg.nodes.size(); ++i) {
            if (pg.nodes[i].parent != parent || static_cast<int>(i) == best) continue;
            if (pg.nodes[i].signal < 0) continue;
            if (pg.nodes[i].candidate && score[i] >= threshold) chosen.push_back(static_cast<int>(i));
        }
        // Single paragraphs next to the container (a lead paragraph outside the body div).
        for (const Block& b : pg.blocks) {
            if (b.owner < 0 || pg.nodes[b.owner].parent != parent || b.owner == best) continue;
            if (pg.nodes[b.owner].tag != GUMBO_TAG_P || pg.nodes[b.owner].signal < 0) continue;
            double ld = b.chars ? double(b.link_chars) / double(b.chars) : 0.0;
            if ((b.chars > 80 && ld < 0.25) || (b.chars > 0 && ld == 0 && (b.text.back() == '.')))
                chosen.push_back(b.owner);
        }
    }
    return chosen;
}

}  // namespace

void clean_html(Document& doc) {
    std::string cs = declared_charset(doc.raw);
    bool valid = !find_invalid_utf8(doc.raw).has_value();
    std::string from;
    bool has_multibyte = std::any_of(doc.raw.begin(), doc.raw.end(),
                                     [](char c) { return static_cast<unsigned char>(c) >= 0xC2; });
    if (!cs.empty() && !is_utf8_name(cs) && cs != "us-ascii" && cs != "ascii" && valid && has_multibyte) {
        // Text in a legacy 8-bit or CJK charset is practically never valid UTF-8 once it
        // holds non-ASCII characters: the label is wrong (or the page was converted
        // already, which keeps cleaning idempotent).
        doc.removed.push_back({"", "charset: declared " + cs + " but the bytes are valid UTF-8; read as UTF-8"});
    } else if (!cs.empty() && !is_utf8_name(cs) && cs != "us-ascii" && cs != "ascii") {
        from = cs;
        // Pages labelled Latin-1 are, as browsers treat them, CP1252.
        if (from == "iso-8859-1" || from == "latin1" || from == "latin-1") from = "windows-1252";
    } else if (!valid) {
        from = mostly_utf8(doc.raw) ? "utf-8" : "windows-1252";
    }
    if (!from.empty()) {
        std::string conv = to_utf8(doc.raw, from);
        if (conv.empty() && !doc.raw.empty()) {
            doc.removed.push_back({"", "charset: unknown charset '" + from + "', read as UTF-8"});
            if (!valid) doc.raw = to_utf8(doc.raw, "utf-8");
        } else {
            doc.removed.push_back({"", "charset: converted from " + from +
                                            (cs.empty() ? " (undeclared, invalid UTF-8)" : "")});
            doc.raw = std::move(conv);
        }
    }
    size_t dropped_tags = 0;
    std::string flat = flatten_deep_nesting(doc.raw, dropped_tags);
    if (!flat.empty()) {
        doc.removed.push_back({"", "html: nesting deeper than " + std::to_string(kMaxDepth) + " levels; " +
                                       std::to_string(dropped_tags) + " tags flattened"});
        doc.raw = std::move(flat);
    }
    StrippedHtml stripped = strip_raw_text_elements(doc.raw);
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 1000;
    GumboOutput* out = gumbo_parse_with_options(&opts, stripped.text.data(), stripped.text.size());
    if (!out) {
        doc.removed.push_back({"", "html: parse failed"});
        return;
    }
    Metadata m;
    read_metadata(out->root, m);
    std::string title = !m.og_title.empty() ? m.og_title : !m.h1.empty() ? m.h1 : m.title;
    if (doc.title.empty()) doc.title = normalize_unicode(std::string(trim(title)));
    if (doc.outlet.empty()) doc.outlet = normalize_unicode(m.outlet);
    if (doc.author.empty()) doc.author = normalize_unicode(m.author);
    if (!m.date.empty() && doc.dct.source != DctSource::metadata) {
        static const RE2 ymd(R"((\d{4}-\d{2}-\d{2}))");
        std::string d;
        if (RE2::PartialMatch(m.date, ymd, &d)) {
            doc.dct.value = d;
            doc.dct.source = DctSource::metadata;
            doc.dct.evidence = "html metadata: " + m.date;
        }
    }
    // The body element (gumbo always creates one).
    const GumboNode* body = out->root;
    {
        const GumboVector& ch = out->root->v.element.children;
        for (unsigned i = 0; i < ch.length; ++i) {
            auto* c = static_cast<const GumboNode*>(ch.data[i]);
            if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY) body = c;
        }
    }
    const HtmlSignals& sig = html_signals();
    Page pg = segment(body, sig);
    gumbo_destroy_output(&opts, out);
    for (Block& b : pg.blocks) b.raw_offset = stripped.to_raw(b.raw_offset);
    if (pg.blocks.empty()) {
        doc.removed.push_back({"", "html: no text in <body>"});
        return;
    }
    // First without the votes of paragraphs inside furniture (comments, related stories);
    // when that leaves little, the article itself sits in a container with a misleading
    // name, and everything votes.
    std::vector<int> roots = choose_containers(pg, false);
    double restricted_votes = roots.empty() ? 0.0 : pg.nodes[roots[0]].votes;
    double total_text = pg.nodes.empty() ? 0.0 : pg.nodes[0].chars - pg.nodes[0].link_chars;
    double restricted_text = roots.empty() ? 0.0 : pg.nodes[roots[0]].chars;
    if (roots.empty() || restricted_votes < 5.0 || restricted_text < 0.1 * total_text) {
        Page all = pg;
        for (Node& n : all.nodes) n.votes = 0, n.candidate = false;
        std::vector<int> r2 = choose_containers(all, true);
        if (!r2.empty() && (roots.empty() || all.nodes[r2[0]].votes > 2.0 * restricted_votes)) {
            roots = r2;
            pg = std::move(all);
        }
    }
    if (roots.empty()) roots.push_back(0);
    std::string title_fold = fold_case(doc.title);
    std::vector<BodyLine> lines;
    for (const Block& b : pg.blocks) {
        int root = -1;
        for (int r : roots)
            if (is_inside(pg, b.owner, r)) root = r;
        if (root < 0) continue;  // outside the article: page furniture, not worth recording
        std::string why;
        double ld = b.chars ? double(b.link_chars) / double(b.chars) : 0.0;
        if (furniture_between(pg, b.owner, root)) why = "html:furniture";
        else if (b.caption) why = "caption";
        else if (ld > 0.5 && !b.cell && !linked_prose(b.text)) why = "html:links";
        else if (b.heading && fold_case(b.text) == title_fold) why = "title";
        if (!why.empty()) {
            if (why == "html:furniture" && mentions_date(b.text)) doc.date_signals.push_back(b.text);
            doc.removed.push_back({b.text, why});
            continue;
        }
        lines.push_back({b.text, b.raw_offset, b.heading, ld});
    }
    assemble_html_body(doc, lines);
}

}  // namespace parley
