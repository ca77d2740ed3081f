// geo_bench: builds 10,000 generated grids and 4.57 M points, measures GridIndex::LocateBatch (1 and 2 threads)
// and CheckPartition with Google Benchmark, and writes grids/points/answers as CSV for bench/postgis_locate.sh.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "geo/generate.hpp"
#include "geo/index.hpp"
#include "geo/partition.hpp"

namespace {

using gridgov::geo::Point;

// The data every benchmark shares, built once in main().
struct Data {
    gridgov::geo::MultiPolygon outline;
    std::vector<std::pair<std::string, gridgov::geo::MultiPolygon>> grids;
    std::vector<gridgov::geo::Child> children;
    std::vector<Point> points;
    gridgov::geo::GridIndex index;
};
Data* g_data = nullptr;

void BM_LocateBatch(benchmark::State& state) {
    const Data& d = *g_data;
    const std::size_t per = d.points.size() / static_cast<std::size_t>(state.threads());
    const std::size_t begin = per * static_cast<std::size_t>(state.thread_index());
    std::vector<std::int32_t> out(per);
    const std::span<const Point> mine(d.points.data() + begin, per);
    for (auto _ : state) {
        d.index.LocateBatch(mine, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(per));
}
BENCHMARK(BM_LocateBatch)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_CheckPartition(benchmark::State& state) {
    const Data& d = *g_data;
    for (auto _ : state) {
        auto report = gridgov::geo::CheckPartition(d.outline, d.children, {300, 1000}, 1.0);
        if (!report.ok() || !report->gaps.empty() || !report->overlaps.empty() || !report->outside.empty()) {
            state.SkipWithError("the generated partition is not clean");
            return;
        }
        benchmark::DoNotOptimize(report);
    }
    state.counters["grids"] = static_cast<double>(d.children.size());
}
BENCHMARK(BM_CheckPartition)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void WriteFiles(const Data& d, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    {
        std::ofstream f(dir / "grids.csv");
        for (const auto& [code, geometry] : d.grids) f << code << '\t' << gridgov::geo::ToWkt(geometry) << '\n';
    }
    std::vector<std::int32_t> answers(d.points.size());
    d.index.LocateBatch(d.points, answers);
    std::ofstream points(dir / "points.csv"), located(dir / "ours.csv");
    char buf[96];
    for (std::size_t i = 0; i < d.points.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%zu,%.17g,%.17g\n", i, d.points[i].lng, d.points[i].lat);
        points << buf;
        located << i << ',' << (answers[i] >= 0 ? d.index.Code(answers[i]) : std::string()) << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    std::size_t grid_count = 10000, point_count = 4570000;
    std::uint64_t seed = 371423;
    std::string out_dir;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](std::string_view name) -> const char* {
            return arg == name && i + 1 < argc ? argv[++i] : nullptr;
        };
        if (const char* v = value("--out")) {
            out_dir = v;
        } else if (const char* v = value("--grids")) {
            grid_count = std::strtoull(v, nullptr, 10);
        } else if (const char* v = value("--points")) {
            point_count = std::strtoull(v, nullptr, 10);
        } else if (const char* v = value("--seed")) {
            seed = std::strtoull(v, nullptr, 10);
        } else {
            std::cerr << "usage: geo_bench [--out DIR] [--grids N] [--points N] [--seed S] [benchmark flags]\n";
            return 2;
        }
    }

    Data data;
    const auto t0 = std::chrono::steady_clock::now();
    // 庆云县-sized: ~502 km² around its seat, split straight into grid_count grids.
    data.outline = gridgov::geo::DemoOutline({117.385, 37.776}, 502.0, seed);
    std::vector<double> weights(grid_count, 1.0);
    auto cells = gridgov::geo::SplitArea(data.outline, weights, seed);
    if (!cells.ok()) {
        std::cerr << "SplitArea: " << cells.status().ToString() << '\n';
        return 1;
    }
    for (std::size_t i = 0; i < cells->size(); ++i) {
        char code[32];
        std::snprintf(code, sizeof code, "371423%06zu", i + 1);
        data.grids.emplace_back(code, (*cells)[i]);
        data.children.push_back(
            {code, (*cells)[i], static_cast<std::int64_t>(i % 400), static_cast<std::int64_t>(i % 900)});
    }
    const auto t1 = std::chrono::steady_clock::now();
    data.index = gridgov::geo::GridIndex(data.grids);
    const auto t2 = std::chrono::steady_clock::now();
    // Points uniformly over the outline's bounding box (about 20 % fall outside every grid).
    const gridgov::geo::BBox box = gridgov::geo::BBoxOf(data.outline);
    std::uint64_t state = seed * 0x9e3779b97f4a7c15ULL + 1;
    auto uniform = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) * 0x1.0p-53;
    };
    data.points.reserve(point_count);
    for (std::size_t i = 0; i < point_count; ++i) {
        data.points.push_back({box.min_lng + uniform() * (box.max_lng - box.min_lng),
                               box.min_lat + uniform() * (box.max_lat - box.min_lat)});
    }
    auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    std::printf("grids: %zu generated in %.0f ms; index built in %.0f ms (%zu cells, %zu mixed); points: %zu\n",
                data.grids.size(), ms(t0, t1), ms(t1, t2), data.index.cell_count(), data.index.mixed_cell_count(),
                data.points.size());
    if (!out_dir.empty()) {
        WriteFiles(data, out_dir);
        std::printf("wrote %s/{grids.csv,points.csv,ours.csv}\n", out_dir.c_str());
    }
    g_data = &data;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    // Google Benchmark reports multi-threaded rates per thread; state the aggregate figures plainly too.
    for (int threads : {1, 2}) {
        double best = 1e300;
        std::vector<std::int32_t> out(data.points.size());
        for (int rep = 0; rep < 5; ++rep) {
            const auto start = std::chrono::steady_clock::now();
            std::vector<std::thread> pool;
            const std::size_t per = data.points.size() / static_cast<std::size_t>(threads);
            for (int t = 0; t < threads; ++t) {
                const std::size_t begin = per * static_cast<std::size_t>(t);
                const std::size_t end = t + 1 == threads ? data.points.size() : begin + per;
                pool.emplace_back([&, begin, end] {
                    data.index.LocateBatch(std::span<const Point>(data.points).subspan(begin, end - begin),
                                           std::span<std::int32_t>(out).subspan(begin, end - begin));
                });
            }
            for (std::thread& th : pool) th.join();
            best = std::min(best, ms(start, std::chrono::steady_clock::now()));
        }
        std::printf("LocateBatch %d thread%s: %.2f M points/s (%zu points in %.1f ms, best of 5)\n", threads,
                    threads == 1 ? "" : "s", static_cast<double>(data.points.size()) / best / 1e3, data.points.size(),
                    best);
    }
    const auto check_start = std::chrono::steady_clock::now();
    auto report = gridgov::geo::CheckPartition(data.outline, data.children, {300, 1000}, 1.0);
    const double check_ms = ms(check_start, std::chrono::steady_clock::now());
    if (!report.ok()) {
        std::cerr << report.status().ToString() << '\n';
        return 1;
    }
    std::printf("CheckPartition %zu grids: %.0f ms (gaps %zu, overlaps %zu, outside %zu, oversize %zu)\n",
                data.children.size(), check_ms, report->gaps.size(), report->overlaps.size(), report->outside.size(),
                report->oversize.size());
    return 0;
}
