#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "report/format.h"
#include "report/stats.h"

namespace freshbench {
namespace {

constexpr int kWidth = 860;
constexpr int kLeft = 70, kRight = 150, kTop = 34, kBottom = 44;

std::string Num(double v) { return fmt::format("{:.1f}", v); }

// Short tick label for a millisecond value.
std::string MsTick(double ms) {
  if (ms == 0) return "0";
  if (std::fabs(ms) < 1000) return fmt::format("{:g}ms", ms);
  if (std::fabs(ms) < 120000) return fmt::format("{:g}s", ms / 1000.0);
  if (std::fabs(ms) < 7200000) return fmt::format("{:.3g}min", ms / 60000.0);
  return fmt::format("{:.3g}h", ms / 3600000.0);
}

double NiceStep(double span, int target_ticks) {
  if (span <= 0) return 1;
  double raw = span / target_ticks;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / mag;
  double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  return nice * mag;
}

// Maps data values to pixels, linear or log10.
class Scale {
 public:
  Scale(double lo, double hi, double px_lo, double px_hi, bool log)
      : lo_(lo), hi_(hi), px_lo_(px_lo), px_hi_(px_hi), log_(log) {
    if (log_) {
      lo_ = std::pow(10.0, std::floor(std::log10(lo_)));
      hi_ = std::pow(10.0, std::ceil(std::log10(hi_)));
      if (hi_ <= lo_) hi_ = lo_ * 10;
    } else {
      if (hi_ <= lo_) hi_ = lo_ + 1;
      double step = NiceStep(hi_ - lo_, 5);
      lo_ = std::floor(lo_ / step) * step;
      hi_ = std::ceil(hi_ / step) * step;
    }
  }

  double Map(double v) const {
    double t;
    if (log_) {
      v = std::max(v, lo_);
      t = (std::log10(v) - std::log10(lo_)) / (std::log10(hi_) - std::log10(lo_));
    } else {
      t = (v - lo_) / (hi_ - lo_);
    }
    t = std::clamp(t, 0.0, 1.0);
    return px_lo_ + t * (px_hi_ - px_lo_);
  }

  std::vector<double> Ticks() const {
    std::vector<double> t;
    if (log_) {
      for (double v = lo_; v <= hi_ * 1.0001; v *= 10) t.push_back(v);
    } else {
      double step = NiceStep(hi_ - lo_, 5);
      for (double v = lo_; v <= hi_ + step * 1e-6; v += step) t.push_back(v);
    }
    return t;
  }
  bool log() const { return log_; }

 private:
  double lo_, hi_, px_lo_, px_hi_;
  bool log_;
};

// A millisecond axis over `values`: log when they span > 2 decades.
Scale MsScale(const std::vector<double>& values, double px_lo, double px_hi, bool force_log) {
  double lo = std::numeric_limits<double>::max(), hi = 0;
  double min_pos = std::numeric_limits<double>::max();
  for (double v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    if (v > 0) min_pos = std::min(min_pos, v);
  }
  if (values.empty()) {
    lo = 0;
    hi = 1000;
    min_pos = 1;
  }
  if (min_pos == std::numeric_limits<double>::max()) min_pos = 1;
  bool log = force_log || (hi > 0 && min_pos > 0 && hi / min_pos > 100);
  // A third of a decade of room below the smallest value keeps it off the axis line.
  if (log) return Scale(std::max(min_pos / 3, 0.001), std::max(hi, min_pos * 10), px_lo, px_hi, true);
  return Scale(std::min(lo, 0.0), std::max(hi, 1.0), px_lo, px_hi, false);
}

std::string Open(const std::string& kind, const std::string& title, int height) {
  return fmt::format(
      "<svg class=\"chart\" data-chart=\"{}\" "
      "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<title>{}</title>\n"
      "<text x=\"{}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
      kind, kWidth, height, kWidth, height, HtmlEscape(title), kLeft, HtmlEscape(title));
}

std::string YAxis(const Scale& y, int x0, int x1, const std::string& caption) {
  std::string s = "<g class=\"axis y\">\n";
  for (double t : y.Ticks()) {
    double py = y.Map(t);
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#444\">{}</text>\n",
        x0, Num(py), x1, Num(py), x0 - 6, Num(py + 4), MsTick(t));
  }
  s += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", x0, kTop, x0,
      Num(y.Map(y.Ticks().front())));
  s += fmt::format(
      "<text transform=\"translate(14,{}) rotate(-90)\" text-anchor=\"middle\" "
      "fill=\"#444\">{}</text>\n</g>\n",
      kTop + 100, HtmlEscape(caption + (y.log() ? " (log)" : "")));
  return s;
}

// The x axis: a tick and `label(t)` at every tick of `xs`, the axis line at
// y0 and `caption` under it.
std::string XAxis(const Scale& xs, int x0, int x1, int y0,
                  const std::function<std::string(double)>& label, const std::string& caption) {
  std::string s = "<g class=\"axis x\">\n";
  for (double t : xs.Ticks()) {
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#444\">{4}</text>\n",
        Num(xs.Map(t)), y0, y0 + 5, y0 + 18, HtmlEscape(label(t)));
  }
  return s + fmt::format(
                 "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>"
                 "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>\n</g>\n",
                 x0, y0, x1, y0, (x0 + x1) / 2, 340 - 8, HtmlEscape(caption));
}

std::string Legend(const std::vector<std::pair<std::string, std::string>>& items, int x, int y) {
  std::string s = "<g class=\"legend\">\n";
  for (size_t i = 0; i < items.size(); ++i) {
    int yy = y + static_cast<int>(i) * 18;
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\">{}</text>\n",
        x, yy, items[i].second, x + 18, yy + 10, HtmlEscape(items[i].first));
  }
  return s + "</g>\n";
}

std::string NoData(int height) {
  return fmt::format(
      "<text class=\"no-data\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#888\">no "
      "data measured</text>\n",
      kWidth / 2, height / 2);
}

}  // namespace

std::string PatternColor(const std::string& id, size_t index) {
  static const char* kById[] = {"#333333", "#d4a000", "#1f77b4", "#76b7e0",
                                "#d62728", "#ff7f0e", "#9467bd"};
  if (id.size() == 2 && id[0] == 'p' && id[1] >= '0' && id[1] <= '6') return kById[id[1] - '0'];
  static const char* kPalette[] = {"#2ca02c", "#8c564b", "#e377c2", "#17becf", "#bcbd22"};
  return kPalette[index % 5];
}

std::string LineChartSvg(const std::string& kind, const std::string& title,
                         const std::vector<LineSeries>& series,
                         const std::vector<VerticalMark>& marks, double break_gap_x,
                         const std::vector<Band>& bands) {
  bool any_lower = false, any_failure = false;
  for (const LineSeries& l : series) any_lower |= !l.lower_bounds.empty();
  for (const VerticalMark& m : marks) any_failure |= !m.color.empty();
  const bool mark_legend = any_lower || break_gap_x > 0 || any_failure || !bands.empty();
  const int height = mark_legend ? 362 : 340;
  const int x0 = kLeft, x1 = kWidth - kRight, y0 = 340 - kBottom;
  std::string s = Open(kind, title, height);
  std::vector<double> ys;
  double xmax = 1;
  for (const LineSeries& l : series) {
    for (const auto& pts : {&l.points, &l.lower_bounds}) {
      for (auto [x, y] : *pts) {
        ys.push_back(y);
        xmax = std::max(xmax, x);
      }
    }
  }
  for (const VerticalMark& m : marks) xmax = std::max(xmax, m.x);
  for (const Band& b : bands) xmax = std::max(xmax, b.x1);
  if (ys.empty()) return s + NoData(height) + "</svg>\n";
  Scale xs(0, xmax, x0, x1, false);
  Scale yscale = MsScale(ys, y0, kTop, false);
  s += YAxis(yscale, x0, x1, "milliseconds");
  s += XAxis(xs, x0, x1, y0, [](double t) { return fmt::format("{:g}s", t); },
             "seconds since the run started");
  for (const Band& b : bands) {
    const double px0 = xs.Map(b.x0), px1 = std::max(xs.Map(b.x1), px0 + 1);
    s += fmt::format(
        "<g class=\"fault\" data-name=\"{4}\"><rect x=\"{0}\" y=\"{1}\" width=\"{2}\" "
        "height=\"{3}\" fill=\"#d62728\" fill-opacity=\"0.12\"/><text x=\"{5}\" y=\"{6}\" "
        "fill=\"#a33\" font-size=\"10\">{4}</text></g>\n",
        Num(px0), kTop, Num(px1 - px0), y0 - kTop, HtmlEscape(b.label), Num(px0 + 3), y0 - 6);
  }
  for (const VerticalMark& m : marks) {
    // A label near the right edge goes left of its line, clear of the legend.
    const double px = xs.Map(m.x);
    const bool left = px > x1 - 90;
    const std::string at = fmt::format("x=\"{}\" text-anchor=\"{}\"", Num(left ? px - 3 : px + 3),
                                       left ? "end" : "start");
    if (m.color.empty()) {
      s += fmt::format(
          "<g class=\"mark\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#999\" "
          "stroke-dasharray=\"4 3\"/><text {3} y=\"{4}\" fill=\"#777\" "
          "font-size=\"10\">{5}</text></g>\n",
          Num(px), kTop, y0, at, kTop + 10, HtmlEscape(m.label));
    } else {
      s += fmt::format(
          "<g class=\"mark failure\" data-name=\"{5}\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" "
          "y2=\"{2}\" stroke=\"{3}\" stroke-width=\"2\"/><text {4} y=\"{6}\" fill=\"{3}\" "
          "font-size=\"10\" font-weight=\"bold\">{5}</text></g>\n",
          Num(px), kTop, y0, m.color, at, HtmlEscape(m.label), kTop + 22);
    }
  }
  auto triangle = [&](double x, double y, const std::string& color) {
    const double px = xs.Map(x), py = yscale.Map(y);
    return fmt::format(
        "<path class=\"lower-bound\" d=\"M{},{} L{},{} L{},{} Z\" fill=\"white\" stroke=\"{}\" "
        "stroke-width=\"1.5\"><title>&#8805; {} (probes still in flight)</title></path>\n",
        Num(px), Num(py - 5), Num(px + 4.5), Num(py + 3.5), Num(px - 4.5), Num(py + 3.5), color,
        FormatMs(y));
  };
  std::vector<std::pair<std::string, std::string>> legend;
  for (const LineSeries& l : series) {
    legend.push_back({l.name, l.color});
    // Runs of points no further apart than break_gap_x: one polyline each.
    std::vector<std::vector<std::pair<double, double>>> runs;
    for (size_t i = 0; i < l.points.size(); ++i) {
      if (i == 0 || (break_gap_x > 0 && l.points[i].first - l.points[i - 1].first > break_gap_x))
        runs.emplace_back();
      runs.back().push_back(l.points[i]);
    }
    s += fmt::format(
        "<g class=\"series\" data-name=\"{}\" data-points=\"{}\" data-lower-bounds=\"{}\" "
        "data-runs=\"{}\">\n",
        HtmlEscape(l.name), l.points.size(), l.lower_bounds.size(), runs.size());
    for (const auto& run : runs) {
      if (run.size() > 1) {
        std::string pts;
        for (auto [x, y] : run) pts += Num(xs.Map(x)) + "," + Num(yscale.Map(y)) + " ";
        s += fmt::format(
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.8\" points=\"{}\"/>\n", l.color,
            pts);
      }
      // Dots when there are few, and always for a point no line reaches.
      if (l.points.size() <= 60 || run.size() == 1) {
        for (auto [x, y] : run)
          s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{}\"/>\n", Num(xs.Map(x)),
                           Num(yscale.Map(y)), l.color);
      }
    }
    for (auto [x, y] : l.lower_bounds) s += triangle(x, y, l.color);
    s += "</g>\n";
  }
  s += Legend(legend, x1 + 16, kTop + 4);
  if (mark_legend) {
    // What the marks mean, in one row under the axis caption.
    std::string row = "<g class=\"legend marks\" font-size=\"11\" fill=\"#444\">\n";
    double x = x0;
    const int y = height - 8;
    auto text = [&](const std::string& t) {
      row += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", Num(x), y, HtmlEscape(t));
      x += 5.6 * static_cast<double>(t.size()) + 18;
    };
    if (break_gap_x > 0) {
      row += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\" stroke-width=\"1.8\"/>"
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\" stroke-width=\"1.8\"/>\n",
          Num(x), y - 4, Num(x + 8), y - 4, Num(x + 14), y - 4, Num(x + 22), y - 4);
      x += 26;
      text(fmt::format("line broken: no answer for more than {:g} s", break_gap_x));
    }
    if (any_lower) {
      row += fmt::format(
          "<path d=\"M{},{} L{},{} L{},{} Z\" fill=\"white\" stroke=\"#444\" "
          "stroke-width=\"1.5\"/>\n",
          Num(x + 4.5), y - 9, Num(x + 9), y + 0, Num(x), y + 0);
      x += 14;
      text("in flight: freshness at least this (no answer yet)");
    }
    if (any_failure) {
      row += fmt::format(
          "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555\" "
          "stroke-width=\"2\"/>\n",
          Num(x + 3), y - 10, y + 2);
      x += 9;
      text("solid line: that pattern failed");
    }
    if (!bands.empty()) {
      row += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"10\" fill=\"#d62728\" "
          "fill-opacity=\"0.12\"/>\n",
          Num(x), y - 9);
      x += 16;
      text("shaded: a fault's window (--fault)");
    }
    s += row + "</g>\n";
  }
  return s + "</svg>\n";
}

std::string BarChartSvg(const std::string& kind, const std::string& title,
                        const std::vector<BarGroup>& groups) {
  const int height = 320;
  const int x0 = kLeft, x1 = kWidth - kRight, y0 = height - kBottom;
  std::string s = Open(kind, title, height);
  std::vector<double> ys;
  for (const BarGroup& g : groups)
    for (const BarGroup::Bar& b : g.bars)
      if (b.present) {
        ys.push_back(b.p50);
        ys.push_back(b.p95);
      }
  if (ys.empty() || groups.empty()) return s + NoData(height) + "</svg>\n";
  Scale yscale = MsScale(ys, y0, kTop, false);
  s += YAxis(yscale, x0, x1, "milliseconds");
  const double group_w = static_cast<double>(x1 - x0) / static_cast<double>(groups.size());
  std::vector<std::pair<std::string, std::string>> legend;
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const BarGroup& g = groups[gi];
    const double gx = x0 + gi * group_w;
    const double bar_w = (group_w * 0.8) / std::max<size_t>(g.bars.size(), 1);
    s += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
        Num(gx + group_w / 2), y0 + 18, HtmlEscape(g.label));
    for (size_t bi = 0; bi < g.bars.size(); ++bi) {
      const BarGroup::Bar& b = g.bars[bi];
      if (gi == 0) legend.push_back({b.name, b.color});
      const double bx = gx + group_w * 0.1 + bi * bar_w;
      s += fmt::format("<g class=\"series bar\" data-name=\"{}\" data-group=\"{}\">",
                       HtmlEscape(b.name), HtmlEscape(g.label));
      if (b.present) {
        const double top = yscale.Map(b.p50);
        const double whisker = yscale.Map(b.p95);
        const double cx = bx + bar_w * 0.45;
        s += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
            "<title>{} {}: p50 {}, p95 {}</title></rect>"
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#222\"/>"
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#222\"/>",
            Num(bx), Num(top), Num(bar_w * 0.9), Num(std::max(0.0, y0 - top)), b.color,
            HtmlEscape(b.name), HtmlEscape(g.label), FormatMs(b.p50), FormatMs(b.p95), Num(cx),
            Num(top), Num(cx), Num(whisker), Num(cx - 4), Num(whisker), Num(cx + 4),
            Num(whisker));
      } else {
        s += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#aaa\" "
            "font-size=\"10\">n/a</text>",
            Num(bx + bar_w * 0.45), y0 - 4);
      }
      s += "</g>\n";
    }
  }
  s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", x0, y0,
                   x1, y0);
  s += Legend(legend, x1 + 16, kTop + 4);
  s += fmt::format(
      "<text x=\"{}\" y=\"{}\" fill=\"#666\" font-size=\"10\">bar: p50, whisker: p95</text>\n",
      x1 + 16, kTop + 4 + 18 * static_cast<int>(legend.size()) + 10);
  return s + "</svg>\n";
}

std::string QuadrantSvg(const std::string& kind, const std::string& title,
                        const std::vector<ScatterPoint>& points, double x_split_ms,
                        double y_split_ms) {
  const int height = 420;
  const int x0 = kLeft, x1 = kWidth - kRight, y0 = height - kBottom;
  std::string s = Open(kind, title, height);
  if (points.empty()) return s + NoData(height) + "</svg>\n";
  // A decade either side of each split keeps all four quadrants in view.
  std::vector<double> xsv{x_split_ms / 10, x_split_ms * 10}, ysv{y_split_ms / 10, y_split_ms * 10};
  for (const ScatterPoint& p : points) {
    xsv.push_back(p.x_ms);
    ysv.push_back(p.y_ms);
  }
  Scale xs = MsScale(xsv, x0, x1, true);
  Scale ys = MsScale(ysv, y0, kTop, true);
  const double sx = xs.Map(x_split_ms), sy = ys.Map(y_split_ms);
  // Quadrant shading: fresh and fast (bottom left) is where one wants to be.
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#e8f5e9\"/>\n"
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fdecea\"/>\n",
      x0, Num(sy), Num(sx - x0), Num(y0 - sy), Num(sx), kTop, Num(x1 - sx), Num(sy - kTop));
  s += YAxis(ys, x0, x1, "query latency (Q2 p50)");
  s += "<g class=\"axis x\">\n";
  for (double t : xs.Ticks()) {
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ddd\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#444\">{4}</text>\n",
        Num(xs.Map(t)), kTop, y0, y0 + 16, MsTick(t));
  }
  s += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>"
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">freshness lag (Q3 p50, "
      "log)</text>\n</g>\n",
      x0, y0, x1, y0, (x0 + x1) / 2, height - 8);
  s += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#666\" stroke-dasharray=\"6 "
      "4\"/><line x1=\"{3}\" y1=\"{4}\" x2=\"{5}\" y2=\"{4}\" stroke=\"#666\" "
      "stroke-dasharray=\"6 4\"/>\n",
      Num(sx), kTop, y0, x0, Num(sy), x1);
  auto label = [&](double x, double y, const char* anchor, const char* text) {
    s += fmt::format(
        "<text class=\"quadrant\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"#777\" "
        "font-style=\"italic\">{}</text>\n",
        Num(x), Num(y), anchor, text);
  };
  label(x0 + 6, y0 - 8, "start", "fresh and fast");
  label(x1 - 6, y0 - 8, "end", "stale but fast");
  label(x0 + 6, kTop + 14, "start", "fresh but slow");
  label(x1 - 6, kTop + 14, "end", "stale and slow");
  for (const ScatterPoint& p : points) {
    const double px = xs.Map(p.x_ms), py = ys.Map(p.y_ms);
    s += fmt::format(
        "<g class=\"series point\" data-name=\"{}\"><circle cx=\"{}\" cy=\"{}\" r=\"7\" "
        "fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"><title>{}: freshness {}, latency "
        "{}</title></circle><text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text></g>\n",
        HtmlEscape(p.name), Num(px), Num(py), p.hollow ? "white" : p.color, p.color,
        HtmlEscape(p.name), FormatMs(p.x_ms), FormatMs(p.y_ms), Num(px + 10), Num(py + 4),
        HtmlEscape(p.name));
  }
  return s + "</svg>\n";
}

std::string DistributionSvg(const std::string& kind, const std::string& title,
                            const std::vector<Distribution>& rows) {
  const int row_h = 44;
  bool any_interval = false;
  for (const Distribution& d : rows) any_interval |= !d.intervals_ms.empty();
  const int plot_h = kTop + kBottom + std::max<int>(1, static_cast<int>(rows.size())) * row_h;
  const int height = plot_h + (any_interval ? 20 : 0);
  const int x0 = kLeft + 40, x1 = kWidth - kRight + 100, y0 = plot_h - kBottom;
  std::string s = Open(kind, title, height);
  std::vector<double> all;
  for (const Distribution& d : rows) {
    all.insert(all.end(), d.values_ms.begin(), d.values_ms.end());
    for (auto [lo, hi] : d.intervals_ms) {
      all.push_back(lo);
      all.push_back(hi);
    }
  }
  if (all.empty()) return s + NoData(height) + "</svg>\n";
  Scale xs = MsScale(all, x0, x1, false);
  s += "<g class=\"axis x\">\n";
  for (double t : xs.Ticks()) {
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ddd\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#444\">{4}</text>\n",
        Num(xs.Map(t)), kTop, y0, y0 + 16, MsTick(t));
  }
  s += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>"
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">visibility latency{}</text>\n"
      "</g>\n",
      x0, y0, x1, y0, (x0 + x1) / 2, plot_h - 8, xs.log() ? " (log)" : "");
  if (any_interval) {
    const int y = height - 6;
    s += fmt::format(
        "<g class=\"legend marks\" font-size=\"11\" fill=\"#444\"><line x1=\"{}\" y1=\"{}\" "
        "x2=\"{}\" y2=\"{}\" stroke=\"#444\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" "
        "stroke=\"#444\"/><circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"#444\"/><text x=\"{}\" "
        "y=\"{}\">one marker: dot at the upper bound (first probe that held it), line back to "
        "the lower bound (last probe that answered without it)</text></g>\n",
        x0, y - 4, x0 + 24, y - 4, x0, y - 8, x0, y, x0 + 24, y - 4, x0 + 32, y);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const Distribution& d = rows[i];
    const double cy = kTop + row_h * (static_cast<double>(i) + 0.5);
    s += fmt::format(
        "<g class=\"series\" data-name=\"{}\" data-points=\"{}\" data-intervals=\"{}\"><text "
        "x=\"{}\" y=\"{}\" text-anchor=\"end\" font-weight=\"bold\">{}</text>\n",
        HtmlEscape(d.name), d.values_ms.size(), d.intervals_ms.size(), x0 - 8, Num(cy + 4),
        HtmlEscape(d.name));
    if (d.values_ms.empty()) {
      s += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#aaa\">no marker seen</text></g>\n",
                       x0 + 6, Num(cy + 4));
      continue;
    }
    std::vector<double> v = d.values_ms;
    std::sort(v.begin(), v.end());
    const double p5 = NearestRank(v, 0.05), p25 = NearestRank(v, 0.25),
                 p50 = NearestRank(v, 0.5), p75 = NearestRank(v, 0.75),
                 p95 = NearestRank(v, 0.95);
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\"/>"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\" fill-opacity=\"0.35\" "
        "stroke=\"{}\"><title>{}: p50 {}, p95 {} over {} markers</title></rect>"
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\" stroke-width=\"2\"/>\n",
        Num(xs.Map(p5)), Num(cy), Num(xs.Map(p95)), Num(cy), Num(xs.Map(p25)), Num(cy - 8),
        Num(std::max(1.0, xs.Map(p75) - xs.Map(p25))), d.color, d.color, HtmlEscape(d.name),
        FormatMs(p50), FormatMs(p95), v.size(), Num(xs.Map(p50)), Num(cy - 10), Num(xs.Map(p50)),
        Num(cy + 10));
    for (size_t k = 0; k < d.intervals_ms.size(); ++k) {
      const auto [lo, hi] = d.intervals_ms[k];
      const double jy = cy + 12 + static_cast<double>(k % 4) * 2.5;
      s += fmt::format(
          "<g class=\"interval\"><line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" "
          "stroke=\"{3}\" stroke-opacity=\"0.6\"/><line x1=\"{0}\" y1=\"{4}\" x2=\"{0}\" "
          "y2=\"{5}\" stroke=\"{3}\"/><title>between {6} and {7}</title></g>",
          Num(xs.Map(lo)), Num(xs.Map(hi)), Num(jy), d.color, Num(jy - 2), Num(jy + 2),
          FormatMs(lo), FormatMs(hi));
    }
    for (size_t k = 0; k < v.size(); ++k) {
      // A small deterministic jitter keeps equal values visible.
      const double jitter = (static_cast<double>(k % 5) - 2.0) * 2.5;
      s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2\" fill=\"{}\"/>", Num(xs.Map(v[k])),
                       Num(cy + jitter), d.color);
    }
    s += "\n</g>\n";
  }
  return s + "</svg>\n";
}

std::string RateChartSvg(const std::string& kind, const std::string& title,
                         const std::vector<RateSeries>& series, const std::vector<TargetLine>& targets,
                         const std::vector<double>& generator_short_rates) {
  const int height = 362;
  const int x0 = kLeft, x1 = kWidth - kRight, y0 = 340 - kBottom;
  std::string s = Open(kind, title, height);
  std::vector<double> ys, xs_values;
  for (const RateSeries& l : series) {
    for (const RatePoint& p : l.points) {
      ys.push_back(p.y_ms);
      xs_values.push_back(p.rate);
    }
  }
  for (const TargetLine& t : targets) ys.push_back(t.y_ms);
  for (double r : generator_short_rates) xs_values.push_back(r);
  if (xs_values.empty()) return s + NoData(height) + "</svg>\n";
  const auto [xlo, xhi] = std::minmax_element(xs_values.begin(), xs_values.end());
  Scale xs(std::max(*xlo / 1.5, 1.0), *xhi * 1.5, x0, x1, true);
  Scale yscale = MsScale(ys, y0, kTop, false);
  s += YAxis(yscale, x0, x1, "milliseconds");
  s += XAxis(xs, x0, x1, y0, [](double t) { return FormatCount(static_cast<int64_t>(t)); },
             "generator rate, events/s (log)");
  for (double r : generator_short_rates) {
    const double px = xs.Map(r);
    s += fmt::format(
        "<g class=\"generator-short\"><rect x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\" "
        "fill=\"#eee\"/><text x=\"{4}\" y=\"{5}\" fill=\"#777\" font-size=\"10\" "
        "text-anchor=\"end\">generator short from here</text></g>\n",
        Num(px), kTop, Num(std::max(0.0, x1 - px)), y0 - kTop, x1 - 3, kTop + 10);
  }
  for (const TargetLine& t : targets) {
    const double py = yscale.Map(t.y_ms);
    s += fmt::format(
        "<g class=\"target\" data-ms=\"{5}\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
        "stroke=\"{3}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/><text x=\"{6}\" y=\"{7}\" "
        "fill=\"{3}\" font-size=\"10\">{4}</text></g>\n",
        x0, Num(py), x1, t.color, HtmlEscape(t.label), t.y_ms, x0 + 4, Num(py - 3));
  }
  std::vector<std::pair<std::string, std::string>> legend;
  for (const RateSeries& l : series) {
    legend.push_back({l.name, l.color});
    s += fmt::format("<g class=\"series\" data-name=\"{}\" data-points=\"{}\">\n",
                     HtmlEscape(l.name), l.points.size());
    if (l.points.size() > 1) {
      std::string pts;
      for (const RatePoint& p : l.points) pts += Num(xs.Map(p.rate)) + "," + Num(yscale.Map(p.y_ms)) + " ";
      s += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.8\" points=\"{}\"/>\n",
                       l.color, pts);
    }
    for (const RatePoint& p : l.points) {
      const std::string title = fmt::format(
          "{}: {} at {} events/s{}", l.name, FormatMs(p.y_ms), FormatCount(static_cast<int64_t>(p.rate)),
          !p.judged ? " (not judged: the generator fell short)" : p.broke ? " (broke its target)" : "");
      if (!p.judged) {
        s += fmt::format(
            "<rect class=\"not-judged\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"white\" "
            "stroke=\"{}\" stroke-width=\"1.8\"><title>{}</title></rect>\n",
            Num(xs.Map(p.rate) - 4), Num(yscale.Map(p.y_ms) - 4), l.color, HtmlEscape(title));
        continue;
      }
      s += fmt::format(
          "<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\" stroke=\"{}\" "
          "stroke-width=\"1.8\"><title>{}</title></circle>\n",
          p.broke ? "broke" : "within", Num(xs.Map(p.rate)), Num(yscale.Map(p.y_ms)),
          p.broke ? "white" : l.color, l.color, HtmlEscape(title));
    }
    s += "</g>\n";
  }
  s += Legend(legend, x1 + 16, kTop + 4);
  s += fmt::format(
      "<g class=\"legend marks\" font-size=\"11\" fill=\"#444\"><circle cx=\"{0}\" cy=\"{1}\" "
      "r=\"4\" fill=\"#444\"/><text x=\"{2}\" y=\"{3}\">within its target</text><circle "
      "cx=\"{4}\" cy=\"{1}\" r=\"4\" fill=\"white\" stroke=\"#444\" stroke-width=\"1.8\"/><text "
      "x=\"{5}\" y=\"{3}\">broke its target (not measured above)</text><line x1=\"{6}\" y1=\"{1}\" "
      "x2=\"{7}\" y2=\"{1}\" stroke=\"#444\" stroke-dasharray=\"6 4\"/><text x=\"{8}\" "
      "y=\"{3}\">target</text></g>\n",
      x0 + 4, height - 12, x0 + 12, height - 8, x0 + 130, x0 + 138, x0 + 360, x0 + 385, x0 + 390);
  return s + "</svg>\n";
}

}  // namespace freshbench
