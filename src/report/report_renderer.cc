#include "report/report_renderer.h"

#include "report/html_report.h"
#include "report/markdown_report.h"
#include "report/results_writer.h"
#include "report/run_data.h"
#include "report/summary.h"

namespace freshbench {

Result<RenderedReport> RenderRunReports(const std::string& dir) {
  Result<RunData> run = LoadRunData(dir);
  if (!run.ok()) return run.status();
  const nlohmann::json summary = BuildSummary(*run);
  return WriteRenderedReports(dir, summary, RenderMarkdown(summary), RenderHtml(*run, summary));
}

Result<RenderedReport> WriteRenderedReports(const std::string& dir, const nlohmann::json& summary,
                                            std::string markdown, const std::string& html) {
  RenderedReport r;
  r.summary_path = dir + "/" + kSummaryFile;
  r.md_path = dir + "/" + kReportMdFile;
  r.html_path = dir + "/" + kReportHtmlFile;
  r.markdown = std::move(markdown);
  FB_RETURN_IF_ERROR(WriteFileAtomically(r.summary_path, summary.dump(2) + "\n"));
  FB_RETURN_IF_ERROR(WriteFileAtomically(r.md_path, r.markdown));
  FB_RETURN_IF_ERROR(WriteFileAtomically(r.html_path, html));
  return r;
}

Result<RenderedReport> RenderComparison(const std::string& dir_a, const std::string& dir_b) {
  Result<RunData> a = LoadRunData(dir_a);
  if (!a.ok()) return a.status();
  Result<RunData> b = LoadRunData(dir_b);
  if (!b.ok()) return b.status();
  const nlohmann::json sa = BuildSummary(*a);
  const nlohmann::json sb = BuildSummary(*b);
  RenderedReport r;
  const std::string stem = dir_a + "/compare-" + b->info.run_id;
  r.md_path = stem + ".md";
  r.html_path = stem + ".html";
  r.markdown = RenderCompareMarkdown(sa, sb);
  FB_RETURN_IF_ERROR(WriteFileAtomically(r.md_path, r.markdown));
  FB_RETURN_IF_ERROR(WriteFileAtomically(r.html_path, RenderCompareHtml(*a, sa, *b, sb)));
  return r;
}

}  // namespace freshbench
