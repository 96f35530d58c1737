#include "config/local_kafka.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "common/file_text.h"

namespace freshbench {

int LocalBrokerPort(int node, int port_offset) {
  return kKafkaClientBasePort + kKafkaBrokerPortStep * (node - 1) + port_offset;
}

int LocalControllerPort(int node, int port_offset) {
  return kKafkaControllerBasePort + kKafkaBrokerPortStep * (node - 1) + port_offset;
}

std::string LocalBootstrap(int brokers, int port_offset) {
  std::string out;
  for (int n = 1; n <= std::max(brokers, 1); ++n) {
    if (!out.empty()) out += ',';
    out += "127.0.0.1:" + std::to_string(LocalBrokerPort(n, port_offset));
  }
  return out;
}

Result<int> ParseBrokerCount(const std::string& name, const std::string& value) {
  const std::string bad = name + " '" + value + "': expected a whole number from 1 to " +
                          std::to_string(kMaxLocalBrokers);
  if (value.empty() || value.size() > 3) return Status::InvalidArgument(bad);
  int n = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return Status::InvalidArgument(bad);
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > kMaxLocalBrokers) return Status::InvalidArgument(bad);
  return n;
}

std::string LocalKafkaStatePath(const std::string& home) {
  return home + "/stack/kafka-cluster.properties";
}

Result<std::optional<LocalKafkaState>> ReadLocalKafkaState(const std::string& home) {
  const std::string path = LocalKafkaStatePath(home);
  std::ifstream in(path);
  if (!in) return std::optional<LocalKafkaState>();
  LocalKafkaState s;
  std::string line;
  bool have_brokers = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) return Status::InvalidArgument(path + ": bad line '" + line + "'");
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "brokers") {
      auto n = ParseBrokerCount(path + ": brokers", value);
      if (!n.ok()) return n.status();
      s.brokers = *n;
      have_brokers = true;
    } else if (key == "cluster.id") {
      s.cluster_id = value;
    } else if (key == "cluster.brokers") {
      auto n = ParseBrokerCount(path + ": cluster.brokers", value);
      if (!n.ok()) return n.status();
      s.formatted_brokers = *n;
    } else {
      return Status::InvalidArgument(path + ": unknown key '" + key + "'");
    }
  }
  if (!have_brokers) return Status::InvalidArgument(path + ": no brokers= line");
  return std::optional<LocalKafkaState>(s);
}

Status WriteLocalKafkaState(const std::string& home, const LocalKafkaState& state) {
  std::string text =
      "# The local Kafka cluster (freshbench stack up --brokers N); removed by stack down "
      "--purge.\n"
      "brokers=" + std::to_string(state.brokers) + "\n";
  if (!state.cluster_id.empty()) text += "cluster.id=" + state.cluster_id + "\n";
  if (state.formatted_brokers > 0)
    text += "cluster.brokers=" + std::to_string(state.formatted_brokers) + "\n";
  return WriteFileAtomically(LocalKafkaStatePath(home), text, /*make_parent=*/true);
}

int RememberedBrokers(const std::string& home) {
  auto s = ReadLocalKafkaState(home);
  if (!s.ok() || !s->has_value()) return 1;
  return (*s)->brokers;
}

}  // namespace freshbench
