#include "ingest/ingest.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "util/util.hpp"

namespace parley {
namespace fs = std::filesystem;

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           to_lower_ascii(s.substr(s.size() - suffix.size())) == suffix;
}

std::string strip_gz(std::string_view name) {
    if (ends_with_ci(name, ".gz")) name.remove_suffix(3);
    return std::string(name);
}

enum class Format { text, html, jsonl, warc };

bool is_article_name(std::string_view name) {
    std::string n = to_lower_ascii(strip_gz(name));
    auto dot = n.rfind('.');
    if (dot == std::string::npos) return true;
    std::string_view ext = std::string_view(n).substr(dot + 1);
    for (std::string_view ok : {"txt", "text", "html", "htm", "xhtml", "jsonl", "ndjson", "warc"})
        if (ext == ok) return true;
    return false;
}

Format detect_format(std::string_view name, std::string_view bytes) {
    std::string n = to_lower_ascii(strip_gz(name));
    if (n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".xhtml")) return Format::html;
    if (n.ends_with(".jsonl") || n.ends_with(".ndjson")) return Format::jsonl;
    if (n.ends_with(".warc")) return Format::warc;
    std::string_view head = trim(bytes.substr(0, 512));
    if (starts_with_ci(head, "<!doctype html") || starts_with_ci(head, "<html")) return Format::html;
    if (head.starts_with("WARC/")) return Format::warc;
    return Format::text;
}

// Reject what is not text, naming the byte where the problem is.
bool check_text(const std::string& where, std::string_view bytes, const ProblemSink& on_problem) {
    if (trim(bytes).empty()) {
        on_problem({where, "empty input: no text"});
        return false;
    }
    if (auto nul = find_nul(bytes)) {
        on_problem({where + "@" + std::to_string(*nul), "binary data (NUL byte)"});
        return false;
    }
    if (looks_binary(bytes)) {
        on_problem({where, "binary data (control bytes), not text"});
        return false;
    }
    if (auto bad = find_invalid_utf8(bytes)) {
        on_problem({where + "@" + std::to_string(*bad), "invalid UTF-8"});
        return false;
    }
    return true;
}

void emit_text(const std::string& id, const std::string& path, std::string bytes,
               const DocumentSink& on_doc, const ProblemSink& on_problem) {
    if (!check_text(path, bytes, on_problem)) return;
    Document d;
    d.id = id;
    d.path = path;
    d.format = "text";
    d.content_hash = content_hash(bytes);
    uint32_t body = 0;
    std::string date = parse_date_header(bytes, body);
    if (!date.empty()) {
        d.dct.value = date;
        d.dct.source = DctSource::header_line;
        d.dct.evidence = std::string(trim(std::string_view(bytes).substr(0, body)));
    }
    d.body_start = body;
    d.raw = std::move(bytes);
    on_doc(std::move(d));
}

void emit_html(const std::string& id, const std::string& path, std::string bytes,
               const DocumentSink& on_doc, const ProblemSink& on_problem) {
    if (trim(bytes).empty()) {
        on_problem({path, "empty input: no HTML"});
        return;
    }
    if (auto nul = find_nul(bytes)) {
        on_problem({path + "@" + std::to_string(*nul), "binary data (NUL byte)"});
        return;
    }
    // Charset conversion belongs to `clean`, which reads <meta charset>; bytes stay as read.
    Document d;
    d.id = id;
    d.path = path;
    d.format = "html";
    d.content_hash = content_hash(bytes);
    d.raw = std::move(bytes);
    on_doc(std::move(d));
}

std::string json_string(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

size_t emit_jsonl(const std::string& path, std::string_view bytes, const DocumentSink& on_doc,
                  const ProblemSink& on_problem) {
    size_t n = 0, line_no = 0, pos = 0;
    while (pos < bytes.size()) {
        size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos) nl = bytes.size();
        std::string_view line = trim(bytes.substr(pos, nl - pos));
        pos = nl + 1;
        ++line_no;
        if (line.empty()) continue;
        std::string where = path + ":" + std::to_string(line_no);
        if (auto bad = find_invalid_utf8(line)) {
            on_problem({where, "invalid UTF-8 at byte " + std::to_string(*bad) + " of the line"});
            continue;
        }
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            on_problem({where, "broken JSON line"});
            continue;
        }
        Document d;
        d.path = where;
        d.id = json_string(j, "id");
        if (d.id.empty()) d.id = base_name(path) + ":" + std::to_string(line_no);
        d.url = json_string(j, "url");
        d.outlet = json_string(j, "outlet");
        d.title = json_string(j, "title");
        if (auto lang = json_string(j, "lang"); !lang.empty()) d.lang = lang;
        std::string date = json_string(j, "date");
        if (!date.empty()) {
            d.dct.value = date.substr(0, std::min<size_t>(date.size(), 10));
            d.dct.source = DctSource::metadata;
            d.dct.evidence = "jsonl date: " + date;
        }
        std::string text = json_string(j, "text");
        std::string html = json_string(j, "html");
        if (text.empty() && html.empty()) {
            on_problem({where, "JSON line has neither \"text\" nor \"html\""});
            continue;
        }
        if (!text.empty() && find_nul(text)) {
            on_problem({where, "binary data (NUL) in \"text\""});
            continue;
        }
        d.format = text.empty() ? "html" : "text";
        d.raw = text.empty() ? html : text;
        d.content_hash = content_hash(std::string(line));
        on_doc(std::move(d));
        ++n;
    }
    return n;
}

// WARC (ISO 28500): a sequence of records, each a header block ("WARC/1.x", "Name: value"
// lines, a blank line) followed by Content-Length bytes. libarchive can walk WARC files but
// drops the record headers (the target URI becomes a bare file name), so records are read
// here directly. `response` and `resource` records with an HTML or text payload become
// documents whose id and url are the record's WARC-Target-URI.
size_t emit_warc(const std::string& path, const std::string& bytes, const DocumentSink& on_doc,
                 const ProblemSink& on_problem) {
    size_t n = 0, pos = 0;
    while (pos < bytes.size()) {
        // skip the blank lines between records
        while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n')) ++pos;
        if (pos >= bytes.size()) break;
        std::string where = path + "@" + std::to_string(pos);
        if (bytes.compare(pos, 5, "WARC/") != 0) {
            on_problem({where, "not a WARC record header; the rest of the file is skipped"});
            break;
        }
        size_t hdr_end = bytes.find("\r\n\r\n", pos);
        size_t sep = 4;
        if (hdr_end == std::string::npos) {
            hdr_end = bytes.find("\n\n", pos);
            sep = 2;
        }
        if (hdr_end == std::string::npos) {
            on_problem({where, "truncated WARC record header"});
            break;
        }
        std::string type, uri, content_type;
        size_t length = std::string::npos;
        for (auto line : split(std::string_view(bytes).substr(pos, hdr_end - pos), '\n')) {
            line = trim(line);
            auto colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            std::string name = to_lower_ascii(trim(line.substr(0, colon)));
            std::string_view value = trim(line.substr(colon + 1));
            if (name == "warc-type") type = value;
            else if (name == "warc-target-uri") uri = value;
            else if (name == "content-type") content_type = to_lower_ascii(value);
            else if (name == "content-length") {
                length = 0;
                for (char c : value) {
                    if (c < '0' || c > '9') break;
                    length = length * 10 + size_t(c - '0');
                }
            }
        }
        size_t body_start = hdr_end + sep;
        if (length == std::string::npos || body_start + length > bytes.size()) {
            on_problem({where, length == std::string::npos ? "WARC record without Content-Length"
                                                           : "truncated WARC record"});
            break;
        }
        std::string body = bytes.substr(body_start, length);
        pos = body_start + length;
        if (type != "response" && type != "resource") continue;
        // An HTTP response payload: drop the HTTP header block, keep its content type.
        if (body.starts_with("HTTP/")) {
            size_t e = body.find("\r\n\r\n");
            size_t es = 4;
            if (e == std::string::npos) {
                e = body.find("\n\n");
                es = 2;
            }
            if (e == std::string::npos) continue;
            std::string head = to_lower_ascii(body.substr(0, e));
            auto ct = head.find("content-type:");
            content_type = ct == std::string::npos ? "" : std::string(trim(std::string_view(head).substr(ct + 13, head.find('\n', ct) - ct - 13)));
            body.erase(0, e + es);
        }
        if (!content_type.empty() && content_type.find("html") == std::string::npos &&
            content_type.find("text/plain") == std::string::npos)
            continue;  // images, scripts, robots.txt...
        if (trim(body).empty()) continue;
        std::string id = uri.empty() ? base_name(path) + "@" + std::to_string(pos) : uri;
        auto sink = [&](Document&& d) {
            d.url = uri;
            ++n;
            on_doc(std::move(d));
        };
        if (content_type.find("text/plain") != std::string::npos)
            emit_text(id, path + ":" + id, std::move(body), sink, on_problem);
        else
            emit_html(id, path + ":" + id, std::move(body), sink, on_problem);
    }
    return n;
}

}  // namespace

std::string parse_date_header(std::string_view text, uint32_t& body_start) {
    body_start = 0;
    // " date YYYY-MM-DD" (crawls write the leading space); tolerate a BOM and no space.
    size_t i = 0;
    if (text.starts_with("\xEF\xBB\xBF")) i = 3;
    while (i < text.size() && text[i] == ' ') ++i;
    if (!starts_with_ci(text.substr(i), "date ")) return {};
    i += 5;
    while (i < text.size() && text[i] == ' ') ++i;
    std::string_view d = text.substr(i, 10);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return {};
    for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!digit(d[k])) return {};
    i += 10;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    body_start = static_cast<uint32_t>(i);
    return std::string(d);
}

size_t ingest_buffer(const std::string& name, std::string bytes, const DocumentSink& on_doc,
                     const ProblemSink& on_problem, const IngestOptions& opts) {
    std::string where = name;
    if (is_gzip(bytes)) {
        try {
            bytes = gunzip(bytes, where, opts.max_file_bytes);
        } catch (const InputError& e) {
            on_problem({e.where, e.what()});
            return 0;
        }
    }
    std::string id = strip_gz(base_name(name));
    switch (detect_format(name, bytes)) {
        case Format::jsonl:
            return emit_jsonl(where, bytes, on_doc, on_problem);
        case Format::warc:
            return emit_warc(where, bytes, on_doc, on_problem);
        case Format::html: {
            size_t before = 0;
            bool ok = true;
            emit_html(id, where, std::move(bytes), [&](Document&& d) { ++before; on_doc(std::move(d)); },
                      [&](const IngestProblem& p) { ok = false; on_problem(p); });
            return ok ? before : 0;
        }
        case Format::text: {
            size_t count = 0;
            emit_text(id, where, std::move(bytes), [&](Document&& d) { ++count; on_doc(std::move(d)); },
                      on_problem);
            return count;
        }
    }
    return 0;
}

size_t ingest_paths(const std::vector<std::string>& paths, const DocumentSink& on_doc,
                    const ProblemSink& on_problem, const IngestOptions& opts) {
    size_t n = 0;
    auto one_file = [&](const std::string& p) {
        std::string bytes;
        try {
            bytes = read_file(p, opts.max_file_bytes);
        } catch (const InputError& e) {
            on_problem({e.where, e.what()});
            return;
        }
        // read_file already inflated .gz; keep the name so the format (and id) are right.
        n += ingest_buffer(p, std::move(bytes), on_doc, on_problem, opts);
    };
    for (const auto& p : paths) {
        if (p == "-") {
            std::string bytes((std::istreambuf_iterator<char>(std::cin)), {});
            n += ingest_buffer("stdin", std::move(bytes), on_doc, on_problem, opts);
            continue;
        }
        std::error_code ec;
        auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) {
            on_problem({p, "no such file or directory"});
            continue;
        }
        if (fs::is_directory(st)) {
            std::vector<std::string> files;
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
            if (ec) {
                on_problem({p, "cannot read directory: " + ec.message()});
                continue;
            }
            for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) {
                    on_problem({p, "directory walk: " + ec.message()});
                    break;
                }
                const auto& e = *it;
                std::string fname = e.path().filename().string();
                if (fname.starts_with(".")) {
                    if (e.is_directory()) it.disable_recursion_pending();
                    continue;
                }
                // In a directory walk only article formats are read, so notes, indexes and
                // licences that sit beside a corpus are not taken for articles.
                if (e.is_regular_file(ec) && is_article_name(fname)) files.push_back(e.path().string());
            }
            std::sort(files.begin(), files.end());
            for (const auto& f : files) one_file(f);
        } else {
            one_file(p);
        }
    }
    return n;
}

}  // namespace parley
