// PrometheusMetrics: the live figures of a run in Prometheus text format
// (gauges and millisecond histograms with fixed buckets), and MetricsServer,
// which serves them on 127.0.0.1:<port>/metrics (cpp-httplib).
//
//   freshbench_freshness_lag_ms{pattern}            gauge, last Q3
//   freshbench_pipeline_lag_ms{pattern}             gauge, last Q3
//   freshbench_rows{pattern}                        gauge, last Q3 count(*)
//   freshbench_query_latency_ms{pattern,query}      histogram
//   freshbench_visibility_latency_ms{pattern}       histogram (markers)
//   freshbench_generator_rps / _delivered_total     gauges
//   freshbench_phase{phase}                         1 for the current phase
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"

namespace httplib {
class Server;
}

namespace freshbench {

using Labels = std::vector<std::pair<std::string, std::string>>;

class PrometheusMetrics {
 public:
  void SetGauge(const std::string& name, const Labels& labels, double value);
  void Observe(const std::string& name, const Labels& labels, double value_ms);
  // Prometheus text exposition format 0.0.4.
  std::string Render() const;

  static const std::vector<double>& Buckets();  // upper bounds in ms

 private:
  struct Histogram {
    std::vector<uint64_t> counts;  // per bucket (not cumulative)
    uint64_t count = 0;
    double sum = 0;
  };
  static std::string Key(const Labels& labels);
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, double>> gauges_;
  std::map<std::string, std::map<std::string, Histogram>> histograms_;
};

class MetricsServer {
 public:
  // Listens on 127.0.0.1:port and serves `metrics` (not owned; must outlive
  // the server). Failure: Unavailable naming the port.
  static Result<std::unique_ptr<MetricsServer>> Start(int port, const PrometheusMetrics* metrics);
  ~MetricsServer();  // stops listening and joins

 private:
  MetricsServer() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace freshbench
