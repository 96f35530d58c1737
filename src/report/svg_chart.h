// SvgChart: the few chart kinds report.html needs, drawn as inline SVG text
// by freshbench itself (no script, no network, no library).
//
// Every chart is a <svg class="chart" data-chart="<kind>"> element with a
// <title>, axes with tick labels, and one <g class="series" data-name=...>
// per pattern, so a browser test can find what was drawn. Millisecond axes
// switch to a log scale when the values span more than two decades.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace freshbench {

// A stable colour per pattern id ("p0" .. "p6"), a palette for the rest.
std::string PatternColor(const std::string& id, size_t index);

struct LineSeries {
  std::string name;   // legend text
  std::string color;
  std::vector<std::pair<double, double>> points;  // (x seconds, y ms), x ascending
  // Values known only as a lower bound (a Q3 tick that found its probes
  // still in flight): hollow triangles, never joined to the line.
  std::vector<std::pair<double, double>> lower_bounds;
};

struct VerticalMark {
  double x = 0;       // seconds
  std::string label;  // "steady", "generator stopped", "p1 failed"
  // Empty: a dashed grey phase mark. Else a solid line in this colour (a
  // pattern's failure), with a legend entry.
  std::string color;
};

// A stretch of time shaded behind the lines: a fault's window (`run --fault`).
struct Band {
  double x0 = 0, x1 = 0;  // seconds
  std::string label;      // "kafka-2:kill@30+20"
};

// Time series: x in seconds since the run started, y in milliseconds. Each
// series' line breaks where two consecutive points are more than
// `break_gap_x` apart (0: never), so a stretch without a value is not drawn
// as if it had one; a legend row below the plot says what the marks mean.
std::string LineChartSvg(const std::string& kind, const std::string& title,
                         const std::vector<LineSeries>& series,
                         const std::vector<VerticalMark>& marks, double break_gap_x = 0,
                         const std::vector<Band>& bands = {});

struct BarGroup {
  std::string label;  // "q1"
  struct Bar {
    std::string name;   // pattern
    std::string color;
    double p50 = 0, p95 = 0;  // ms
    bool present = false;
  };
  std::vector<Bar> bars;
};

// Grouped bars (p50) with a whisker to p95, y in milliseconds.
std::string BarChartSvg(const std::string& kind, const std::string& title,
                        const std::vector<BarGroup>& groups);

struct ScatterPoint {
  std::string name;
  std::string color;
  double x_ms = 0;  // freshness
  double y_ms = 0;  // query latency
  bool hollow = false;  // second run in a comparison
};

// Freshness (x) against query latency (y), both log scale, split into the
// four quadrants at x_split_ms and y_split_ms.
std::string QuadrantSvg(const std::string& kind, const std::string& title,
                        const std::vector<ScatterPoint>& points, double x_split_ms,
                        double y_split_ms);

struct Distribution {
  std::string name;
  std::string color;
  std::vector<double> values_ms;
  // Optional [lower, upper] bound of each value (a marker's visibility lies
  // between the last probe that missed it and the first that held it).
  std::vector<std::pair<double, double>> intervals_ms;
};

// One row per pattern: every value as a dot, a box from p25 to p75, the
// median, and whiskers to p5/p95; each interval as a thin line from its
// lower to its upper bound.
std::string DistributionSvg(const std::string& kind, const std::string& title,
                            const std::vector<Distribution>& rows);

struct RatePoint {
  double rate = 0;  // events/s
  double y_ms = 0;
  bool broke = false;  // the pattern broke its target here: a hollow mark
  bool judged = true;  // false (the generator fell short): a hollow square
};

struct RateSeries {
  std::string name;
  std::string color;
  std::vector<RatePoint> points;  // rising rate
};

struct TargetLine {
  double y_ms = 0;
  std::string label;  // "target p0, p1: freshness_p95 5 s"
  std::string color;
};

// A figure (y, ms) against the generator's rate (x, events/s, log scale):
// one line per pattern, a hollow circle where it broke its target (a
// hollow square where it was not judged: the generator fell short), each
// target a dashed horizontal line, and a grey band from each rate the
// generator could not deliver (`generator_short_rates`) on.
std::string RateChartSvg(const std::string& kind, const std::string& title,
                         const std::vector<RateSeries>& series, const std::vector<TargetLine>& targets,
                         const std::vector<double>& generator_short_rates);

}  // namespace freshbench
