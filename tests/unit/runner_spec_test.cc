#include <gtest/gtest.h>

#include "patterns/pattern.h"
#include "patterns/runner_spec.h"

namespace freshbench {
namespace {

Pattern P5() {
  auto dir = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", "p5");
  EXPECT_TRUE(dir.ok());
  auto p = LoadPattern(*dir);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return *p;
}

TEST(RunnerSpecTest, P5DeclaresItsFlinkJobAndPausesP6) {
  auto spec = LoadRunnerSpec(P5());
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  ASSERT_EQ(spec->flink_jobs.size(), 1u);
  EXPECT_EQ(spec->flink_jobs[0].name, "{{flink_job_name}}");
  EXPECT_EQ(spec->flink_jobs[0].sql, std::vector<std::string>{"flink-job.sql"});
  ASSERT_EQ(spec->contends_with.size(), 1u);
  EXPECT_EQ(spec->contends_with[0].pattern, "p6");
  EXPECT_EQ(spec->contends_with[0].while_measuring, "pause");
}

TEST(RunnerSpecTest, AbsentFileIsAnEmptySpec) {
  auto dir = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", "p1");
  ASSERT_TRUE(dir.ok());
  auto p1 = LoadPattern(*dir);
  ASSERT_TRUE(p1.ok());
  auto spec = LoadRunnerSpec(*p1);
  ASSERT_TRUE(spec.ok());
  EXPECT_TRUE(spec->flink_jobs.empty());
  EXPECT_TRUE(spec->contends_with.empty());
}

TEST(RunnerSpecTest, MistakesAreNamed) {
  const Pattern p5 = P5();
  auto typo = ParseRunnerSpec("flink_job: []\n", p5);
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("unknown key 'flink_job'"), std::string::npos);
  auto missing = ParseRunnerSpec("flink_jobs:\n  - name: x\n    sql: [nope.sql]\n", p5);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no file nope.sql"), std::string::npos);
  auto unnamed = ParseRunnerSpec("flink_jobs:\n  - sql: [flink-job.sql]\n", p5);
  ASSERT_FALSE(unnamed.ok());
  EXPECT_NE(unnamed.status().message().find("needs a name"), std::string::npos);
  auto how = ParseRunnerSpec("contends_with:\n  - pattern: p6\n    while_measuring: stop\n", p5);
  ASSERT_FALSE(how.ok());
  EXPECT_NE(how.status().message().find("must be 'pause'"), std::string::npos);
  auto bad_yaml = ParseRunnerSpec("flink_jobs: [", p5);
  EXPECT_FALSE(bad_yaml.ok());
}

}  // namespace
}  // namespace freshbench
