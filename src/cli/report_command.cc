// freshbench report <run-id> [--compare <run-id>]: re-renders a run's (or
// a sweep's) summary.json, report.md and report.html from its raw files, or
// compares two runs. Prints the Markdown on stdout.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/command.h"
#include "common/exit_codes.h"
#include "report/report_renderer.h"
#include "report/run_data.h"
#include "sweep/sweep_report.h"

namespace freshbench {
namespace {
struct ReportOptions {
  std::string run;           // run id under results_dir, or a folder path
  std::string compare;       // second run, optional
  std::string results_dir;   // flag > FRESHBENCH_RESULTS > "results"
};

int RunReport(const ReportOptions& o) {
  std::string root = o.results_dir;
  if (root.empty()) {
    const char* env = std::getenv("FRESHBENCH_RESULTS");
    root = (env != nullptr && *env != '\0') ? env : "results";
  }
  const std::string dir = ResolveRunDir(root, o.run);
  // A sweep's folder renders as a sweep (comparing two is for runs).
  Result<RenderedReport> r = !o.compare.empty() ? RenderComparison(dir, ResolveRunDir(root, o.compare))
                             : IsSweepFolder(dir) ? RenderSweepReports(dir)
                                                  : RenderRunReports(dir);
  if (!r.ok()) {
    std::fprintf(stderr, "freshbench: report: %s\n", r.status().message().c_str());
    return r.status().code() == Status::Code::kNotFound ? kExitUsage : kExitFailed;
  }
  std::fputs(r->markdown.c_str(), stdout);
  std::printf("\nreport: %s\n", r->html_path.c_str());
  return kExitOk;
}
}  // namespace

void RegisterReportCommand(CLI::App& app, CommandRegistry& reg) {
  auto opts = std::make_shared<ReportOptions>();
  auto* sub = app.add_subcommand(
      "report", "Re-render a run's summary.json, report.md and report.html from its raw files");
  sub->add_option("run", opts->run, "Run id (a folder under the results dir) or a folder path")
      ->required();
  sub->add_option("--compare", opts->compare, "A second run to put side by side with the first");
  sub->add_option("--results-dir", opts->results_dir,
                  "Where runs are kept (env FRESHBENCH_RESULTS, default ./results)");
  sub->callback([&reg, opts] { reg.run = [opts] { return RunReport(*opts); }; });
}

}  // namespace freshbench
