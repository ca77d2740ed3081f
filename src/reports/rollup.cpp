// The statistics roll-up: prefix sums over days per village and key, updated in place as cases change.
#include "reports/rollup.hpp"

#include <algorithm>
#include <mutex>

namespace gridgov::reports {
namespace {

using domain::Case;
using domain::CaseState;

constexpr std::size_t kChannels = 6;  // domain::Channel values, in enum order
constexpr std::array<domain::Channel, kChannels> kAllChannels{
    domain::Channel::kGridPatrol,       domain::Channel::kHotline, domain::Channel::kOnline,
    domain::Channel::kPetitionReferral, domain::Channel::kVideo,   domain::Channel::kSuperior};

constexpr std::array<std::string_view, kCounterCount> kCounterNames{
    "received",    "finished",  "on_time",   "overdue",    "rated", "satisfied",
    "bad_reviews", "score_sum", "escalated", "supervised", "redone"};
constexpr std::array<std::string_view, kCounterCount> kCounterNamesZh{
    "受理量", "办结量",         "按期办结量", "超期量", "评价量", "满意量",
    "差评量", "满意度得分合计", "上报量",     "督办量", "重办量"};

// The level a case starts at when nobody escalates it (see CaseService::Report): the hotline, petition
// referrals and superior assignments start at the county, field reports in the village (in the town when the
// case carries no village).
domain::CaseLevel StartLevel(const Case& c) {
    if (c.channel == domain::Channel::kHotline || c.channel == domain::Channel::kPetitionReferral ||
        c.channel == domain::Channel::kSuperior) {
        return domain::CaseLevel::kCounty;
    }
    return c.region_code.size() < 12 ? domain::CaseLevel::kTown : domain::CaseLevel::kVillage;
}

}  // namespace

std::string_view CounterName(Counter c) { return kCounterNames[static_cast<std::size_t>(c)]; }
std::string_view CounterNameZh(Counter c) { return kCounterNamesZh[static_cast<std::size_t>(c)]; }

int SatisfactionScore(domain::Satisfaction s) {
    switch (s) {
        case domain::Satisfaction::kVerySatisfied:
            return 100;
        case domain::Satisfaction::kSatisfied:
            return 90;
        case domain::Satisfaction::kBasicallySatisfied:
            return 80;
        case domain::Satisfaction::kUnsatisfied:
            return 60;
        case domain::Satisfaction::kVeryUnsatisfied:
            return 40;
    }
    return 0;
}

std::array<std::int32_t, kCounterCount> Contribution(const Case& c) {
    std::array<std::int32_t, kCounterCount> out{};
    if (c.state == CaseState::kMerged) return out;
    bool finished = c.state == CaseState::kClosed || c.state == CaseState::kRated;
    out[kReceived] = 1;
    out[kFinished] = finished ? 1 : 0;
    out[kOnTime] = finished && !c.overdue ? 1 : 0;
    out[kOverdue] = c.overdue ? 1 : 0;
    if (c.satisfaction) {
        out[kRated] = 1;
        out[kSatisfied] = domain::IsBadReview(*c.satisfaction) ? 0 : 1;
        out[kBadReview] = domain::IsBadReview(*c.satisfaction) ? 1 : 0;
        out[kScoreSum] = SatisfactionScore(*c.satisfaction);
    }
    out[kEscalated] = static_cast<int>(c.level) > static_cast<int>(StartLevel(c)) ? 1 : 0;
    out[kSupervised] = c.supervision != domain::Supervision::kNone ? 1 : 0;
    out[kRedone] = c.redo_count > 0 ? 1 : 0;
    return out;
}

int DayNumber(Date d) { return static_cast<int>(std::chrono::sys_days(d).time_since_epoch().count()); }

Date DateOfDay(int day) { return Date{std::chrono::sys_days{std::chrono::days{day}}}; }

int DayOfUnix(std::int64_t unix_seconds) {
    std::int64_t shifted = unix_seconds + 8 * 3600;
    std::int64_t day = shifted / 86400;
    if (shifted % 86400 < 0) --day;
    return static_cast<int>(day);
}

Result<std::unique_ptr<Rollup>> Rollup::Build(storage::CaseStore& cases) {
    auto rollup = std::make_unique<Rollup>();
    rollup->BeginLoad();
    GRIDGOV_RETURN_IF_ERROR(cases.ScanCaseFacts([&](const Case& c) {
        rollup->Add(c);
        return Status::Ok();
    }));
    rollup->EndLoad();
    return rollup;
}

void Rollup::BeginLoad() {
    std::unique_lock lock(mu_);
    loading_ = true;
}

void Rollup::EndLoad() {
    std::unique_lock lock(mu_);
    loading_ = false;
    for (Leaf& leaf : leaves_) {
        for (auto& s : leaf.series) {
            for (std::size_t i = 1; i < s.size(); ++i) {
                for (int k = 0; k < kCounterCount; ++k) s[i][k] += s[i - 1][k];
            }
            s.shrink_to_fit();
        }
    }
}

void Rollup::Add(const Case& c) {
    std::unique_lock lock(mu_);
    AddLocked(c, +1);
}

void Rollup::Apply(const Case* before, const Case& after) {
    std::unique_lock lock(mu_);
    if (before != nullptr) AddLocked(*before, -1);
    AddLocked(after, +1);
}

void Rollup::AddLocked(const Case& c, int sign) {
    std::array<std::int32_t, kCounterCount> delta = Contribution(c);
    if (delta[kReceived] == 0) return;
    for (auto& d : delta) d *= sign;
    int day = DayOfUnix(c.created_at);
    EnsureDay(day);
    std::size_t category = CategoryKey(c.category_code);
    Leaf& leaf = LeafFor(c.region_code);
    ApplyDelta(leaf, static_cast<std::size_t>(c.channel), day, delta);
    ApplyDelta(leaf, category, day, delta);
    min_case_day_ = max_case_day_ < min_case_day_ ? day : std::min(min_case_day_, day);
    max_case_day_ = std::max(max_case_day_, day);
}

void Rollup::ApplyDelta(Leaf& leaf, std::size_t key, int day, const std::array<std::int32_t, kCounterCount>& delta) {
    std::vector<Cell>& s = leaf.series[key];
    if (s.empty()) s.assign(static_cast<std::size_t>(days_), Cell{});
    if (loading_) {
        Cell& cell = s[static_cast<std::size_t>(day - first_day_)];
        for (int k = 0; k < kCounterCount; ++k) cell[k] += static_cast<std::uint32_t>(delta[k]);
        return;
    }
    for (std::size_t i = static_cast<std::size_t>(day - first_day_); i < s.size(); ++i) {
        for (int k = 0; k < kCounterCount; ++k) s[i][k] += static_cast<std::uint32_t>(delta[k]);
    }
}

Rollup::Leaf& Rollup::LeafFor(const std::string& code) {
    auto it = std::lower_bound(leaves_.begin(), leaves_.end(), code,
                               [](const Leaf& l, const std::string& c) { return l.code < c; });
    if (it != leaves_.end() && it->code == code) return *it;
    Leaf leaf;
    leaf.code = code;
    leaf.series.resize(kChannels + categories_.size());
    return *leaves_.insert(it, std::move(leaf));
}

std::size_t Rollup::CategoryKey(const std::string& code) {
    auto it = category_index_.find(code);
    if (it != category_index_.end()) return it->second;
    std::size_t key = kChannels + categories_.size();
    categories_.push_back(code);
    category_index_.emplace(code, key);
    for (Leaf& leaf : leaves_) leaf.series.emplace_back();
    return key;
}

void Rollup::EnsureDay(int day) {
    if (days_ == 0) {
        first_day_ = day - 31;
        days_ = 400;
        return;
    }
    if (day >= first_day_ + days_) {
        // Grow to the right with room to spare; new days repeat the last cumulative value.
        int grow = std::max(day - (first_day_ + days_) + 1, std::max(32, days_ / 8));
        for (Leaf& leaf : leaves_) {
            for (auto& s : leaf.series) {
                if (!s.empty()) s.resize(s.size() + static_cast<std::size_t>(grow), loading_ ? Cell{} : s.back());
            }
        }
        days_ += grow;
    } else if (day < first_day_) {
        // Grow to the left (a case received before every other): new days before the first are zero.
        int grow = std::max(first_day_ - day, days_ / 4 + 32);
        for (Leaf& leaf : leaves_) {
            for (auto& s : leaf.series) {
                if (!s.empty()) s.insert(s.begin(), static_cast<std::size_t>(grow), Cell{});
            }
        }
        first_day_ -= grow;
        days_ += grow;
    }
}

bool Rollup::IsQueryable(std::string_view region) {
    if (region.size() > 12) return false;
    return std::all_of(region.begin(), region.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::pair<std::size_t, std::size_t> Rollup::Range(std::string_view region) const {
    auto begin = std::lower_bound(leaves_.begin(), leaves_.end(), region,
                                  [](const Leaf& l, std::string_view r) { return std::string_view(l.code) < r; });
    auto end = std::partition_point(begin, leaves_.end(),
                                    [&](const Leaf& l) { return std::string_view(l.code).starts_with(region); });
    return {static_cast<std::size_t>(begin - leaves_.begin()), static_cast<std::size_t>(end - leaves_.begin())};
}

void Rollup::AddPrefix(const std::vector<Cell>& s, int day, std::int64_t sign, Counts& out) const {
    if (s.empty() || day < first_day_) return;
    std::size_t i = std::min(static_cast<std::size_t>(day - first_day_), s.size() - 1);
    for (int k = 0; k < kCounterCount; ++k) out[k] += sign * static_cast<std::int64_t>(s[i][k]);
}

void Rollup::AddRange(const std::vector<Cell>& s, int from, int to, Counts& out) const {
    if (to < from) return;
    AddPrefix(s, to, 1, out);
    AddPrefix(s, from - 1, -1, out);
}

Counts Rollup::Sum(std::string_view region, int from, int to) const {
    std::shared_lock lock(mu_);
    Counts out{};
    auto [begin, end] = Range(region);
    for (std::size_t l = begin; l < end; ++l) {
        for (std::size_t k = 0; k < kChannels; ++k) AddRange(leaves_[l].series[k], from, to, out);
    }
    return out;
}

std::vector<KeyedCounts> Rollup::ByChannel(std::string_view region, int from, int to) const {
    std::shared_lock lock(mu_);
    std::vector<KeyedCounts> out;
    auto [begin, end] = Range(region);
    for (std::size_t k = 0; k < kChannels; ++k) {
        KeyedCounts row{std::string(domain::ChannelName(kAllChannels[k])), {}};
        for (std::size_t l = begin; l < end; ++l) AddRange(leaves_[l].series[k], from, to, row.counts);
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<KeyedCounts> Rollup::ByCategory(std::string_view region, int from, int to) const {
    std::shared_lock lock(mu_);
    std::vector<KeyedCounts> out;
    auto [begin, end] = Range(region);
    for (std::size_t c = 0; c < categories_.size(); ++c) {
        KeyedCounts row{categories_[c], {}};
        for (std::size_t l = begin; l < end; ++l) AddRange(leaves_[l].series[kChannels + c], from, to, row.counts);
        if (row.counts[kReceived] != 0) out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), [](const KeyedCounts& a, const KeyedCounts& b) { return a.key < b.key; });
    return out;
}

std::vector<Counts> Rollup::Series(std::string_view region, const std::vector<int>& bounds) const {
    std::shared_lock lock(mu_);
    std::vector<Counts> prefix(bounds.size(), Counts{});
    auto [begin, end] = Range(region);
    for (std::size_t l = begin; l < end; ++l) {
        for (std::size_t k = 0; k < kChannels; ++k) {
            const auto& s = leaves_[l].series[k];
            if (s.empty()) continue;
            for (std::size_t b = 0; b < bounds.size(); ++b) AddPrefix(s, bounds[b] - 1, 1, prefix[b]);
        }
    }
    std::vector<Counts> out;
    for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
        Counts c{};
        for (int k = 0; k < kCounterCount; ++k) c[k] = prefix[b + 1][k] - prefix[b][k];
        out.push_back(c);
    }
    return out;
}

std::vector<Counts> Rollup::SumEach(const std::vector<std::string>& children, int from, int to) const {
    std::vector<Counts> out;
    out.reserve(children.size());
    for (const auto& child : children) out.push_back(Sum(child, from, to));
    return out;
}

std::size_t Rollup::MemoryBytes() const {
    std::shared_lock lock(mu_);
    std::size_t bytes = sizeof(*this) + leaves_.capacity() * sizeof(Leaf);
    for (const Leaf& leaf : leaves_) {
        bytes += leaf.code.capacity() + leaf.series.capacity() * sizeof(std::vector<Cell>);
        for (const auto& s : leaf.series) bytes += s.capacity() * sizeof(Cell);
    }
    for (const auto& c : categories_) bytes += sizeof(std::string) + c.capacity() + 2 * sizeof(void*);
    return bytes;
}

std::pair<int, int> Rollup::DayRange() const {
    std::shared_lock lock(mu_);
    if (max_case_day_ < min_case_day_) return {0, -1};
    return {min_case_day_, max_case_day_};
}

std::int64_t Rollup::Villages() const {
    std::shared_lock lock(mu_);
    return static_cast<std::int64_t>(leaves_.size());
}

}  // namespace gridgov::reports
