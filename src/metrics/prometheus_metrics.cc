#include "metrics/prometheus_metrics.h"

#include <httplib.h>

#include <chrono>

#include <fmt/format.h>

namespace freshbench {

const std::vector<double>& PrometheusMetrics::Buckets() {
  static const std::vector<double> b = {1,    2,    5,     10,    25,    50,     100,    250,
                                        500,  1000, 2500,  5000,  10000, 30000,  60000,  120000,
                                        300000, 600000};
  return b;
}

std::string PrometheusMetrics::Key(const Labels& labels) {
  std::string k;
  for (const auto& [n, v] : labels) {
    if (!k.empty()) k += ",";
    std::string esc;
    for (char c : v) {
      if (c == '"' || c == '\\') esc += '\\';
      esc += c;
    }
    k += n + "=\"" + esc + "\"";
  }
  return k;
}

void PrometheusMetrics::SetGauge(const std::string& name, const Labels& labels, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_[name][Key(labels)] = value;
}

void PrometheusMetrics::Observe(const std::string& name, const Labels& labels, double value_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  Histogram& h = histograms_[name][Key(labels)];
  if (h.counts.empty()) h.counts.assign(Buckets().size(), 0);
  for (size_t i = 0; i < Buckets().size(); ++i) {
    if (value_ms <= Buckets()[i]) {
      ++h.counts[i];
      break;
    }
  }
  ++h.count;
  h.sum += value_ms;
}

std::string PrometheusMetrics::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  for (const auto& [name, series] : gauges_) {
    out += "# TYPE " + name + " gauge\n";
    for (const auto& [labels, v] : series)
      out += fmt::format("{}{}{}{} {}\n", name, labels.empty() ? "" : "{", labels,
                         labels.empty() ? "" : "}", v);
  }
  for (const auto& [name, series] : histograms_) {
    out += "# TYPE " + name + " histogram\n";
    for (const auto& [labels, h] : series) {
      const std::string sep = labels.empty() ? "" : ",";
      uint64_t cum = 0;
      for (size_t i = 0; i < Buckets().size(); ++i) {
        cum += h.counts[i];
        out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, Buckets()[i], cum);
      }
      out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, h.count);
      const std::string lb = labels.empty() ? "" : "{" + labels + "}";
      out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, lb, h.sum, name, lb, h.count);
    }
  }
  return out;
}

Result<std::unique_ptr<MetricsServer>> MetricsServer::Start(int port,
                                                            const PrometheusMetrics* metrics) {
  std::unique_ptr<MetricsServer> s(new MetricsServer());
  s->server_ = std::make_unique<httplib::Server>();
  s->server_->Get("/metrics", [metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics->Render(), "text/plain; version=0.0.4");
  });
  if (!s->server_->bind_to_port("127.0.0.1", port)) {
    return Status::Unavailable("metrics: cannot listen on 127.0.0.1:" + std::to_string(port) +
                               " (in use?)");
  }
  httplib::Server* srv = s->server_.get();
  s->thread_ = std::thread([srv] { srv->listen_after_bind(); });
  return s;
}

MetricsServer::~MetricsServer() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace freshbench
