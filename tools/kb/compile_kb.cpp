// Compile data/kb/*.tsv (and the entities tables in data/entities/) into data/kb/kb.bin, the
// binary KB that load_kb() reads when it is up to date with the TSV files.
// Usage: compile_kb [data/kb] [out]   (out defaults to <dir>/kb.bin)
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "entities/entities.hpp"

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "data/kb";
    const std::string out = argc > 2 ? argv[2] : dir + "/kb.bin";
    try {
        auto t0 = std::chrono::steady_clock::now();
        parley::compile_kb(dir, out);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("compile_kb: wrote %s (sources %s) in %.2f s\n", out.c_str(),
                    parley::kb_binary_checksum(out).c_str(), s);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "compile_kb: %s: %s\n", out.c_str(), e.what());
        return 1;
    }
    return 0;
}
