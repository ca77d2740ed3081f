// Tests for GCJ-02 / BD-09 conversions against coordinate pairs published by open-source converters.
#include "geo/datum.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gridgov::geo {
namespace {

void ExpectNear(Point actual, Point expected, double tolerance) {
    EXPECT_NEAR(actual.lng, expected.lng, tolerance);
    EXPECT_NEAR(actual.lat, expected.lat, tolerance);
}

TEST(DatumTest, ParsesRequestNames) {
    EXPECT_EQ(ParseDatum("wgs84"), Datum::kWgs84);
    EXPECT_EQ(ParseDatum("gcj02"), Datum::kGcj02);
    EXPECT_EQ(ParseDatum("bd09"), Datum::kBd09);
    EXPECT_EQ(ParseDatum("WGS84"), std::nullopt);
    EXPECT_EQ(ParseDatum(""), std::nullopt);
    EXPECT_EQ(ParseDatum("bd09ll"), std::nullopt);
    for (Datum d : {Datum::kWgs84, Datum::kGcj02, Datum::kBd09}) EXPECT_EQ(ParseDatum(DatumName(d)), d);
}

// Pairs from the test suite of googollee/eviltransform (python/test.py: TESTS, as wgsLat, wgsLng, gcjLat,
// gcjLng), here written lng first.
struct Pair {
    Point wgs;
    Point gcj;
};
constexpr Pair kEvilTransformPairs[] = {
    {{121.5272106, 31.1774276}, {121.531541859215, 31.17530398364597}},  // Shanghai
    {{113.912316, 22.543847}, {113.9171764808363, 22.540796131694766}},  // Shenzhen
    {{116.377817, 39.911954}, {116.38404722455657, 39.91334545536069}},  // Beijing
};

TEST(DatumTest, Wgs84ToGcj02MatchesPublishedPairs) {
    for (const Pair& pair : kEvilTransformPairs) ExpectNear(Wgs84ToGcj02(pair.wgs), pair.gcj, 1e-9);
    // wandergis/coordtransform, test/app.js: wgs84togcj02(116.404, 39.915).
    ExpectNear(Wgs84ToGcj02({116.404, 39.915}), {116.41024449916938, 39.91640428150164}, 1e-9);
}

TEST(DatumTest, Gcj02ToWgs84InvertsPublishedPairsWithinAMicrodegree) {
    for (const Pair& pair : kEvilTransformPairs) {
        ExpectNear(Gcj02ToWgs84(pair.gcj), pair.wgs, 1e-6);
        ExpectNear(ToWgs84(pair.gcj, Datum::kGcj02), pair.wgs, 1e-6);
    }
}

TEST(DatumTest, Gcj02ToWgs84IsExactWhereTheOneStepInverseIsNot) {
    // wandergis/coordtransform, test/app.js: gcj02towgs84(116.404, 39.915) = [116.39775550083061,
    // 39.91359571849836], computed there with a single correction step (metre-level error).
    const Point published{116.39775550083061, 39.91359571849836};
    const Point ours = Gcj02ToWgs84({116.404, 39.915});
    ExpectNear(ours, published, 3e-5);                        // the same point to within a few metres
    ExpectNear(Wgs84ToGcj02(ours), {116.404, 39.915}, 1e-9);  // but ours maps back exactly
    const Point back = Wgs84ToGcj02(published);
    EXPECT_GT(std::hypot(back.lng - 116.404, back.lat - 39.915), 1e-7);
}

TEST(DatumTest, Bd09MatchesPublishedPairs) {
    // wandergis/coordtransform, test/app.js.
    ExpectNear(Gcj02ToBd09({116.404, 39.915}), {116.41036949371029, 39.92133699351021}, 1e-9);
    ExpectNear(Bd09ToGcj02({116.404, 39.915}), {116.39762729119315, 39.90865673957631}, 1e-9);
}

TEST(DatumTest, RoundTripsAcrossChina) {
    double worst = 0;
    for (double lng = 74.0; lng < 135.0; lng += 1.7) {
        for (double lat = 18.0; lat < 53.0; lat += 1.3) {
            const Point wgs{lng, lat};
            const Point back = Gcj02ToWgs84(Wgs84ToGcj02(wgs));
            worst = std::max(worst, std::max(std::abs(back.lng - lng), std::abs(back.lat - lat)));
            const Point via_bd = ToWgs84(Gcj02ToBd09(Wgs84ToGcj02(wgs)), Datum::kBd09);
            EXPECT_NEAR(via_bd.lng, lng, 2e-6);
            EXPECT_NEAR(via_bd.lat, lat, 2e-6);
        }
    }
    EXPECT_LT(worst, 1e-9);
}

TEST(DatumTest, OutsideChinaGcj02IsIdentity) {
    const Point tokyo{139.6917, 35.6895};
    const Point paris{2.3522, 48.8566};
    EXPECT_EQ(Wgs84ToGcj02(tokyo), tokyo);
    EXPECT_EQ(Gcj02ToWgs84(paris), paris);
    EXPECT_EQ(ToWgs84(paris, Datum::kWgs84), paris);
    EXPECT_FALSE(InChinaBox(tokyo));
    EXPECT_TRUE(InChinaBox({117.385, 37.776}));
    // Inside China the offset is hundreds of metres.
    const Point qingyun{117.385, 37.776};
    const Point shifted = Wgs84ToGcj02(qingyun);
    EXPECT_GT(std::hypot(shifted.lng - qingyun.lng, shifted.lat - qingyun.lat), 1e-3);
}

}  // namespace
}  // namespace gridgov::geo
