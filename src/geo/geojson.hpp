// GeoJSON (RFC 7946) in and out: FeatureCollections of Polygon / MultiPolygon features, per-feature errors.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "geo/geometry.hpp"

namespace gridgov::geo {

// One accepted feature: its position in the input, its properties and its boundary (validated).
struct Feature {
    std::size_t index = 0;
    boost::json::object properties;
    MultiPolygon geometry;
};

// One refused feature: its position in "features", the grid code from its properties if present, and why
// (Chinese, e.g. "边界自相交（位置 …）").
struct FeatureError {
    std::size_t index = 0;
    std::string code;
    std::string message;
};

// The result of reading a FeatureCollection: good features and one error per bad feature, in input order.
struct FeatureCollection {
    std::vector<Feature> features;
    std::vector<FeatureError> errors;
};

// Parses an RFC 7946 FeatureCollection whose features have Polygon or MultiPolygon geometry. Every feature is
// checked on its own (geometry present and polygonal, rings closed with ≥ 4 positions, coordinates in range,
// GEOS-valid); a bad feature yields a FeatureError and the rest are still read. `code_property` names the
// property holding the grid code used in errors (falls back to "grid_code"). Returns InvalidArgument (Chinese
// message) only when the whole text is unusable: invalid JSON or not a FeatureCollection. Never throws.
Result<FeatureCollection> ParseFeatureCollection(std::string_view text, std::string_view code_property = "code");

// Reads one GeoJSON geometry object (Polygon or MultiPolygon) and validates it as CheckValid does.
// InvalidArgument with a Chinese message otherwise. Never throws.
Result<MultiPolygon> ParseGeometry(const boost::json::value& geometry);

// A GeoJSON geometry object: a Polygon when `multi` has exactly one part, else a MultiPolygon.
boost::json::object ToGeoJson(const MultiPolygon& multi);

// The canonical stored text of a geometry: like ToGeoJson, with every coordinate rounded to 1e-9 degree
// (0.1 mm, so shared edges stay within the partition check's tolerance) and written in fixed notation. Parsing this
// text and writing it again gives the same text, so stores can tell a changed boundary from an unchanged one by
// comparing text.
std::string ToGeoJsonText(const MultiPolygon& multi);

// {"type":"Feature","properties":…,"geometry":…}.
boost::json::object ToFeature(const MultiPolygon& multi, boost::json::object properties);

// {"type":"FeatureCollection","features":[…]} of the given features (their index is not written).
boost::json::object ToFeatureCollection(std::span<const Feature> features);

}  // namespace gridgov::geo
