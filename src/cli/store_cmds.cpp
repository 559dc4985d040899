// Commands over the store: ingest, docs, show, timeline, events.
#include <fmt/core.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "ingest/ingest.hpp"
#include "merge/merge.hpp"
#include "pipeline/pipeline.hpp"
#include "store/store.hpp"
#include "util/util.hpp"

namespace parley::cli {
namespace {

size_t display_width(std::string_view s) {
    size_t w = 0;
    for (unsigned char c : s) w += (c & 0xC0) != 0x80;
    return w;
}

std::string pad(std::string_view s, size_t w) {
    std::string out(s);
    size_t dw = display_width(s);
    if (dw < w) out.append(w - dw, ' ');
    return out;
}

std::string cut(std::string_view s, size_t w) {
    if (display_width(s) <= w) return std::string(s);
    std::string out;
    size_t n = 0;
    for (size_t i = 0; i < s.size() && n + 1 < w; ++n) {
        size_t k = i;
        next_code_point(s, k);
        out.append(s.substr(i, k - i));
        i = k;
    }
    return out + "…";
}

std::string names(const std::vector<ActorRef>& v) {
    std::string s;
    for (auto& a : v) s += (s.empty() ? "" : ", ") + a.name;
    return s;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) {
        if (c == '"') o += '"';
        o += c;
    }
    return o + "\"";
}

size_t outlets_of(const TimelineEvent& e) {
    std::set<std::string> o;
    for (auto& s : e.sources) o.insert(s.outlet.empty() ? s.doc : s.outlet);
    return o.size();
}

void print_table(const std::vector<std::vector<std::string>>& rows, const std::vector<size_t>& max_w) {
    std::vector<size_t> w(rows[0].size(), 0);
    for (auto& r : rows)
        for (size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], std::min(display_width(r[i]), max_w[i]));
    for (auto& r : rows) {
        std::string line;
        for (size_t i = 0; i < r.size(); ++i) {
            std::string c = cut(r[i], max_w[i]);
            line += i + 1 == r.size() ? c : pad(c, w[i]) + "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << line << "\n";
    }
}

// GDELT-like tab-separated export (one row per event): a subset of the GDELT 2.0 event
// columns with PLOVER codes in place of CAMEO ones, so existing tools can read it.
void print_gdelt(const std::vector<TimelineEvent>& evs) {
    std::cout << "GLOBALEVENTID\tSQLDATE\tActor1Name\tActor1CountryCode\tActor2Name\tActor2CountryCode\t"
                 "EventCode\tEventMode\tEventStatus\tNumSources\tNumArticles\tActionGeo_FullName\t"
                 "ActionGeo_CountryCode\tSOURCEURL\n";
    for (auto& e : evs) {
        std::string date = e.date;
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        const ActorRef* a1 = e.actors.empty() ? nullptr : &e.actors[0];
        const ActorRef* a2 = !e.targets.empty() ? &e.targets[0] : e.actors.size() > 1 ? &e.actors[1] : nullptr;
        std::cout << e.id << '\t' << date << '\t' << (a1 ? a1->name : "") << '\t' << (a1 ? a1->country : "") << '\t'
                  << (a2 ? a2->name : "") << '\t' << (a2 ? a2->country : "") << '\t' << e.type << '\t' << e.mode
                  << '\t' << to_string(e.status) << '\t' << outlets_of(e) << '\t' << e.sources.size() << '\t'
                  << (e.location ? e.location->name : "") << '\t' << (e.location ? e.location->country : "") << '\t'
                  << (e.sources.empty() ? "" : e.sources[0].doc) << "\n";
    }
}

}  // namespace

void add_ingest(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("ingest", "Read articles (files, directories, .gz, JSONL, HTML, WARC, - for stdin) into the store");
    auto paths = std::make_shared<std::vector<std::string>>();
    auto db = std::make_shared<std::string>(default_db());
    auto batch = std::make_shared<size_t>(256);
    cmd->add_option("paths", *paths, "Files or directories to read")->required();
    cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
    cmd->add_option("--batch", *batch, "Documents per transaction")->capture_default_str()->check(CLI::Range(1, 100000));
    cmd->footer("Examples:\n  parley ingest examples/\n  parley ingest --db news.db crawl.warc.gz feed.jsonl\n  cat a.txt | parley ingest -");
    cmd->callback([&run, cmd, paths, db, batch] {
        run = [paths, db, batch] {
            auto store = open_store(*db);
            Resources res = load_resources();
            std::vector<Document> pending;
            size_t failed = 0, seen = 0;
            PutResult total;
            auto flush = [&] {
                if (pending.empty()) return;
                PutResult r = store->put(pending);
                total.added += r.added;
                total.unchanged += r.unchanged;
                total.replaced += r.replaced;
                pending.clear();
            };
            ingest_paths(
                *paths,
                [&](Document&& d) {
                    ++seen;
                    progress(seen, 0, "ingest");
                    if (store->has_content(d.content_hash)) {
                        ++total.unchanged;
                        return;
                    }
                    try {
                        process(d, res);
                    } catch (const std::exception& e) {
                        report_problem(d.path, std::string("processing failed: ") + e.what());
                        ++failed;
                        return;
                    }
                    pending.push_back(std::move(d));
                    if (pending.size() >= *batch) flush();
                },
                [&](const IngestProblem& p) {
                    report_problem(p.where, p.reason);
                    ++failed;
                });
            flush();  // each batch updated the timeline incrementally inside its transaction
            if (stderr_is_terminal()) std::cerr << "\r\033[K";
            std::cerr << fmt::format("ingested {} new, {} unchanged, {} replaced, {} failed; timeline has {} events\n",
                                     total.added, total.unchanged, total.replaced, failed, store->timeline_size());
            return failed ? kExitInputFailed : kExitOk;
        };
    });
}

void add_docs(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("docs", "List stored documents");
    auto db = std::make_shared<std::string>(default_db());
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
    cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->footer("Examples:\n  parley docs\n  parley docs --format json");
    cmd->callback([&run, db, format] {
        run = [db, format] {
            auto store = open_store(*db);
            auto docs = store->documents();
            if (*format == "json") {
                nlohmann::json j = {{"docs", nlohmann::json::array()}};
                for (auto& d : docs)
                    j["docs"].push_back({{"id", d.id}, {"title", d.title}, {"outlet", d.outlet}, {"url", d.url},
                                         {"dct", d.dct.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.dct)},
                                         {"dct_source", d.dct_source}, {"events", d.events}, {"claims", d.claims},
                                         {"format", d.format}, {"content_hash", d.content_hash},
                                         {"reprint_of", d.reprint_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.reprint_of)}});
                std::cout << j.dump(2) << "\n";
                return kExitOk;
            }
            std::vector<std::vector<std::string>> rows{{"ID", "DATE", "SOURCE", "EVENTS", "TITLE"}};
            for (auto& d : docs)
                rows.push_back({d.id, d.dct.empty() ? "?" : d.dct, d.dct_source, std::to_string(d.events), d.title});
            print_table(rows, {40, 10, 20, 6, 70});  // "inferred-from-events" fits
            return kExitOk;
        };
    });
}

void add_show(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("show", "Show one document, or one timeline event with every source sentence");
    auto id = std::make_shared<std::string>();
    auto db = std::make_shared<std::string>(default_db());
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("id", *id, "Document id or event id (ev-...)")->required();
    cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
    cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->footer("Examples:\n  parley show antalya-a.txt\n  parley show ev-3f2a9c0d1e4b");
    cmd->callback([&run, id, db, format] {
        run = [id, db, format] {
            auto store = open_store(*db);
            if (auto ev = store->timeline_event(*id)) {
                if (*format == "json") {
                    std::cout << to_json(*ev).dump(2) << "\n";
                    return kExitOk;
                }
                std::cout << ev->id << "  " << (ev->date.empty() ? "date unknown" : ev->date) << "  " << ev->type
                          << (ev->mode.empty() ? "" : "/" + ev->mode) << "  " << to_string(ev->status) << "\n"
                          << ev->summary << "\n";
                if (!ev->date_conflicts.empty()) {
                    std::cout << "dates disagree:";
                    for (auto& d : ev->date_conflicts) std::cout << " " << d.date << " (" << d.sources << " sources)";
                    std::cout << "\n";
                }
                std::cout << "\n" << ev->sources.size() << " sources:\n";
                for (auto& s : ev->sources) {
                    std::cout << "- " << s.doc << (s.outlet.empty() ? "" : " (" + s.outlet + ")") << " ["
                              << to_string(s.status) << ", " << (s.date.empty() ? "undated" : s.date) << " "
                              << to_string(s.date_basis) << (s.date_text.empty() ? "" : ": \"" + s.date_text + "\"")
                              << "]\n  " << s.sentence << "\n";
                }
                return kExitOk;
            }
            auto d = store->document(*id);
            if (!d) {
                std::cerr << "parley: no document or event with id " << *id << "\n";
                return kExitInputFailed;
            }
            if (*format == "json") {
                std::cout << d->annotations.dump(2) << "\n";
                return kExitOk;
            }
            std::cout << d->id << "\n" << (d->title.empty() ? "" : d->title + "\n") << "outlet: " << d->outlet
                      << "\nurl: " << d->url << "\ndate: " << (d->dct.empty() ? "unknown" : d->dct) << " ("
                      << d->dct_source << (d->dct_evidence.empty() ? "" : ": " + d->dct_evidence) << ")\n\n"
                      << d->text << "\n\n";
            if (d->annotations.contains("events"))
                for (auto& e : d->annotations["events"])
                    std::cout << "event: " << e.value("summary", "") << " — " << e["date"].dump() << " ("
                              << e.value("date_basis", "") << ")\n";
            return kExitOk;
        };
    });
}

void add_rebuild(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("rebuild", "Recompute the whole timeline from every stored mention (ingest updates it incrementally)");
    auto db = std::make_shared<std::string>(default_db());
    cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
    cmd->footer("Examples:\n  parley rebuild --db news.db");
    cmd->callback([&run, db] {
        run = [db] {
            auto store = open_store(*db);
            store->rebuild_timeline();
            std::cerr << fmt::format("timeline rebuilt: {} events\n", store->timeline_size());
            return kExitOk;
        };
    });
}

void add_timeline(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("timeline", "Print the merged event timeline");
    auto db = std::make_shared<std::string>(default_db());
    auto format = std::make_shared<std::string>("text");
    auto f = std::make_shared<TimelineFilter>();
    cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
    cmd->add_option("--actor", f->actors, "Only events with this actor (name or kb_id); repeat for all of several");
    cmd->add_option("--from", f->from, "Earliest date (YYYY, YYYY-MM or YYYY-MM-DD)");
    cmd->add_option("--to", f->to, "Latest date");
    cmd->add_option("--type", f->types, "PLOVER type, e.g. CONSULT (repeatable)");
    cmd->add_option("--status", f->statuses, "occurred, planned, cancelled, denied, hypothetical (repeatable)");
    cmd->add_option("--format", *format, "text, json, jsonl, csv or gdelt")
        ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "gdelt"}))
        ->capture_default_str();
    cmd->footer("Examples:\n  parley timeline --actor Lavrov --actor Blinken\n  parley timeline --format json --from 2022-03 --to 2022-03-31\n  parley timeline --type CONSULT --status planned --format csv");
    cmd->callback([&run, db, format, f] {
        run = [db, format, f] {
            auto store = open_store(*db);
            std::vector<TimelineEvent> evs;
            for (auto& e : store->timeline())
                if (matches(e, *f)) evs.push_back(std::move(e));
            if (*format == "json") {
                nlohmann::json j = {{"events", nlohmann::json::array()}};
                for (auto& e : evs) j["events"].push_back(to_json(e));
                std::cout << j.dump(2) << "\n";
            } else if (*format == "jsonl") {
                for (auto& e : evs) std::cout << to_json(e).dump() << "\n";
            } else if (*format == "csv") {
                std::cout << "id,date,type,mode,status,actors,targets,location,sources,outlets,summary\n";
                for (auto& e : evs)
                    std::cout << e.id << ',' << e.date << ',' << e.type << ',' << e.mode << ',' << to_string(e.status)
                              << ',' << csv_field(names(e.actors)) << ',' << csv_field(names(e.targets)) << ','
                              << csv_field(e.location ? e.location->name : "") << ',' << e.sources.size() << ','
                              << outlets_of(e) << ',' << csv_field(e.summary) << "\n";
            } else if (*format == "gdelt") {
                print_gdelt(evs);
            } else {
                std::vector<std::vector<std::string>> rows{
                    {"DATE", "TYPE", "ACTORS → TARGETS", "PLACE", "STATUS", "SRC", "SUMMARY"}};
                for (auto& e : evs) {
                    std::string who = names(e.actors);
                    if (!e.targets.empty()) who += " → " + names(e.targets);
                    std::string date = e.date.empty() ? "unknown" : e.date;
                    if (e.date_basis == DateBasis::publication) date += "~";
                    if (!e.date_conflicts.empty()) date += "!";
                    rows.push_back({date, e.type + (e.mode.empty() ? "" : "/" + e.mode), who,
                                    e.location ? e.location->name : "", std::string(to_string(e.status)),
                                    std::to_string(e.sources.size()) + "/" + std::to_string(outlets_of(e)), e.summary});
                }
                print_table(rows, {11, 16, 44, 14, 9, 5, 60});
                std::cout << "\n" << evs.size() << " events. SRC = mentions/outlets; ~ = dated by publication only; "
                          << "! = sources disagree on the date (parley show ID)\n";
            }
            return kExitOk;
        };
    });
}

void add_events(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("events", "List event mentions as extracted, one per source sentence (before merging)");
    auto db = std::make_shared<std::string>(default_db());
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
    cmd->add_option("--format", *format, "text or jsonl")->check(CLI::IsMember({"text", "jsonl"}))->capture_default_str();
    cmd->footer("Examples:\n  parley events\n  parley events --format jsonl");
    cmd->callback([&run, db, format] {
        run = [db, format] {
            auto store = open_store(*db);
            auto ms = store->mentions();
            if (*format == "jsonl") {
                for (auto& m : ms) {
                    nlohmann::json j = {{"mention", m.id}, {"doc", m.doc_id}, {"type", m.event.type},
                                        {"mode", m.event.mode}, {"status", to_string(m.event.status)},
                                        {"date", m.event.date}, {"date_basis", to_string(m.event.date_basis)},
                                        {"summary", m.event.summary}, {"sentence", m.sentence}};
                    std::cout << j.dump() << "\n";
                }
                return kExitOk;
            }
            std::vector<std::vector<std::string>> rows{{"DOC", "DATE", "BASIS", "TYPE", "STATUS", "SUMMARY"}};
            for (auto& m : ms)
                rows.push_back({m.doc_id, m.event.date.empty() ? "?" : m.event.date,
                                std::string(to_string(m.event.date_basis)), m.event.type,
                                std::string(to_string(m.event.status)), m.event.summary});
            print_table(rows, {30, 10, 11, 10, 9, 70});
            return kExitOk;
        };
    });
}

}  // namespace parley::cli
