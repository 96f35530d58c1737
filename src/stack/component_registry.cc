#include "stack/component_registry.h"

#include "stack/clickhouse_component.h"
#include "stack/kafka_component.h"
#include "stack/lake_components.h"

namespace freshbench::stack {

template <typename T>
static std::unique_ptr<Component> Make(const StackContext& ctx) {
  return std::make_unique<T>(ctx);
}

const std::vector<ComponentInfo>& AllComponents() {
  // Start order: a component comes after everything it requires.
  static const std::vector<ComponentInfo> kAll = {
      {"kafka", true, &Make<KafkaComponent>},
      {"clickhouse", true, &Make<ClickHouseComponent>},
      // The Flink + Fluss + Paimon lake (P2, P3): `stack up --with flink`.
      {"zookeeper", false, &Make<ZooKeeperComponent>},
      {"fluss-coordinator", false,
       [](const StackContext& c) -> std::unique_ptr<Component> {
         return std::make_unique<FlussComponent>(c, FlussComponent::Role::kCoordinator);
       }},
      {"fluss", false,
       [](const StackContext& c) -> std::unique_ptr<Component> {
         return std::make_unique<FlussComponent>(c, FlussComponent::Role::kTablet);
       }},
      {"flink-jobmanager", false,
       [](const StackContext& c) -> std::unique_ptr<Component> {
         return std::make_unique<FlinkComponent>(c, FlinkComponent::Role::kJobManager);
       }},
      {"flink-taskmanager", false,
       [](const StackContext& c) -> std::unique_ptr<Component> {
         return std::make_unique<FlinkComponent>(c, FlinkComponent::Role::kTaskManager);
       }},
      {"flink", false,
       [](const StackContext& c) -> std::unique_ptr<Component> {
         return std::make_unique<FlinkComponent>(c, FlinkComponent::Role::kSqlGateway);
       }},
  };
  return kAll;
}

std::vector<std::string> ComponentNames(bool defaults_only) {
  std::vector<std::string> out;
  for (const auto& c : AllComponents()) {
    if (!defaults_only || c.default_on) out.push_back(c.name);
  }
  return out;
}

}  // namespace freshbench::stack
