// Renders a synthetic run's report.html with `freshbench report` and opens it
// in headless Chromium: the four SVG charts must lay out at full size with
// every pattern's series drawn. A probe script, appended to a copy of the
// report (the report itself has no script), measures what rendered.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../unit/report_fixture.h"
#include "integration_env.h"

namespace freshbench::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Chromium() {
  for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(c)) return c;
  return "";
}

// Runs headless Chromium on `url` with `mode` ("--dump-dom" or
// "--screenshot=..."); returns stdout.
std::string RunChromium(const std::string& url, const std::string& mode,
                        const std::string& profile) {
  const std::string cmd = "timeout 120 " + Chromium() +
                          " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                          " --disable-background-networking --disable-component-update"
                          " --disable-sync --user-data-dir=" + profile +
                          " --window-size=1024,2600 " + mode + " '" + url + "' 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

constexpr const char* kProbe = R"(<script>
(function(){const out=[];
document.querySelectorAll('svg.chart').forEach(function(svg){
  const r=svg.getBoundingClientRect();let drawn=0;
  svg.querySelectorAll('.series').forEach(function(g){const b=g.getBBox();if(b.width>0&&b.height>0)drawn++;});
  let len=0;svg.querySelectorAll('polyline').forEach(function(p){len+=p.getTotalLength();});
  const shown=function(sel){let n=0;svg.querySelectorAll(sel).forEach(function(e){
    const b=e.getBBox();if(b.width>0&&b.height>0)n++;});return n;};
  out.push({chart:svg.dataset.chart,w:r.width,h:r.height,series:drawn,polyline_len:len,
            polylines:svg.querySelectorAll('polyline').length,lower_bounds:shown('path.lower-bound'),
            failures:shown('.mark.failure'),intervals:shown('g.interval'),
            texts:svg.querySelectorAll('text').length});});
const pre=document.createElement('pre');pre.id='probe';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);})();
</script>)";

class ReportHtmlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("fb_html_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    dir_ = WriteSyntheticRun(root_.string(), "run-a");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
  std::string dir_;
};

TEST_F(ReportHtmlTest, ChartsRenderInHeadlessChromium) {
  ASSERT_FALSE(Chromium().empty()) << "chromium missing: run scripts/install-deps.sh test";
  auto r = RunFreshbench({"report", "run-a", "--results-dir", root_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| p1 ClickHouse Kafka engine | 1.60 s |"), std::string::npos) << r.out;
  const std::string html = ReadFile(dir_ + "/report.html");
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(html.find("http"), std::string::npos) << "report.html must need no network";

  std::string probed = html;
  probed.insert(probed.rfind("</body>"), kProbe);
  const std::string probe_path = (root_ / "probe.html").string();
  std::ofstream(probe_path) << probed;
  const std::string dom =
      RunChromium("file://" + probe_path, "--dump-dom", (root_ / "profile").string());
  const size_t a = dom.find("<pre id=\"probe\">");
  ASSERT_NE(a, std::string::npos) << "chromium printed no probe result: " << dom.substr(0, 300);
  const size_t b = dom.find("</pre>", a);
  const json charts = json::parse(dom.substr(a + 16, b - a - 16));
  std::map<std::string, json> by_kind;
  for (const json& c : charts) by_kind[c["chart"]] = c;
  ASSERT_EQ(by_kind.size(), 4u) << charts.dump();
  for (auto& [kind, c] : by_kind) {
    EXPECT_GE(c["w"].get<double>(), 800) << kind;
    EXPECT_GE(c["h"].get<double>(), 100) << kind;
    EXPECT_GT(c["texts"].get<int>(), 5) << kind;
  }
  EXPECT_EQ(by_kind["freshness"]["series"], 2) << "one drawn line per pattern";
  EXPECT_GT(by_kind["freshness"]["polyline_len"].get<double>(), 500);
  EXPECT_EQ(by_kind["latency"]["series"], 6) << "q1..q3 bars for p0 and p1";
  EXPECT_EQ(by_kind["quadrant"]["series"], 2);
  EXPECT_EQ(by_kind["visibility"]["series"], 2);

  // A screenshot of the report itself is a real picture (kept for a human to look at).
  const std::string shot = (root_ / "report.png").string();
  RunChromium("file://" + dir_ + "/report.html", "--screenshot=" + shot,
              (root_ / "profile2").string());
  const std::string png = ReadFile(shot);
  ASSERT_GT(png.size(), 20000u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

// The open-loop run (stalls, in-flight ticks, a failed pattern, marker
// bounds): the marks that say so are drawn, not just written.
TEST_F(ReportHtmlTest, StallsGapsAndFailureAreDrawn) {
  ASSERT_FALSE(Chromium().empty()) << "chromium missing: run scripts/install-deps.sh test";
  ASSERT_FALSE(WriteOpenLoopRun(root_.string(), "run-t").empty());
  auto r = RunFreshbench({"report", "run-t", "--results-dir", root_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("**Run incomplete** (exit 1): p2 lost 12 events; p3 failed at +1:10", 0),
            0u)
      << r.out.substr(0, 300);
  std::string probed = ReadFile((root_ / "run-t" / "report.html").string());
  ASSERT_FALSE(probed.empty());
  probed.insert(probed.rfind("</body>"), kProbe);
  const std::string probe_path = (root_ / "probe-t.html").string();
  std::ofstream(probe_path) << probed;
  const std::string dom =
      RunChromium("file://" + probe_path, "--dump-dom", (root_ / "profile3").string());
  const size_t a = dom.find("<pre id=\"probe\">");
  ASSERT_NE(a, std::string::npos) << "chromium printed no probe result: " << dom.substr(0, 300);
  const size_t b = dom.find("</pre>", a);
  std::map<std::string, json> by_kind;
  for (const json& c : json::parse(dom.substr(a + 16, b - a - 16))) by_kind[c["chart"]] = c;
  const json& fresh = by_kind["freshness"];
  EXPECT_EQ(fresh["series"], 3) << fresh.dump();
  EXPECT_EQ(fresh["polylines"], 4) << "p2's line broken at its 14 s without an answer";
  EXPECT_EQ(fresh["lower_bounds"], 5) << "p2's in-flight ticks";
  EXPECT_EQ(fresh["failures"], 1) << "p3's failure";
  EXPECT_EQ(by_kind["visibility"]["intervals"], 6) << by_kind["visibility"].dump();
}

TEST_F(ReportHtmlTest, UnknownRunIsOneLineAndExitTwo) {
  auto r = RunFreshbench({"report", "no-such-run", "--results-dir", root_.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("freshbench: report: no run found at", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

}  // namespace
}  // namespace freshbench::testing
