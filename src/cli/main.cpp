#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    using namespace parley::cli;
    CLI::App app{"parley: news articles in, a deduplicated, dated, sourced timeline of political events out"};
    app.require_subcommand(1);
    app.footer(
        "Examples:\n"
        "  parley ingest articles/ && parley timeline --actor Lavrov --actor Blinken\n"
        "  parley annotate article.txt --format jsonl\n"
        "  parley timeline --format json --from 2022-01 --to 2022-03");
    Runner run;
    add_ingest(app, run);
    add_docs(app, run);
    add_show(app, run);
    add_annotate(app, run);
    add_timeline(app, run);
    add_rebuild(app, run);
    add_events(app, run);
    add_clean(app, run);
    add_timex(app, run);
    add_parse(app, run);
    add_train(app, run);
    add_kb(app, run);
    add_version(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsage;
    }
    try {
        return run ? run() : kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "parley: error: " << e.what() << "\n";
        return kExitInputFailed;
    }
}
