#include "stack/component.h"

#include <filesystem>
#include <system_error>

#include "config/local_kafka.h"

namespace freshbench::stack {

StackContext StackContext::FromEnvironment() {
  StackContext ctx;
  ctx.endpoints = Endpoints::FromEnvironment();
  // Engines run with their own working directory: every path must be absolute.
  std::error_code ec;
  auto abs = std::filesystem::absolute(ctx.endpoints.home, ec);
  ctx.home = ec ? ctx.endpoints.home : abs.lexically_normal().string();
  while (ctx.home.size() > 1 && ctx.home.back() == '/') ctx.home.pop_back();
  if (auto state = ReadLocalKafkaState(ctx.home); state.ok() && state->has_value()) {
    ctx.kafka_cluster_id = (*state)->cluster_id;
  }
  return ctx;
}

}  // namespace freshbench::stack
