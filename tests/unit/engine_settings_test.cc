// config/engine_settings.h: one mechanism for every engine's settings.
#include "config/engine_settings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "config/endpoints.h"

namespace freshbench {
namespace {

const EngineSetting kUrl{"url", "FRESHBENCH_X", "http://127.0.0.1:{port:8123}/{port:1}", "", true};
const EngineSetting kOption{"mode", "", "fast", ""};

class EngineSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/fb_settings_XXXXXX";
    const int fd = mkstemp(tmpl);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = tmpl;
  }
  void TearDown() override { std::remove(path_.c_str()); }
  std::string path_;
};

TEST_F(EngineSettingsTest, DefaultsShiftEveryPortByTheOffset) {
  EngineSettings s;
  s.port_offset = 400;
  auto v = s.Get("x", kUrl);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->value, "http://127.0.0.1:8523/401");
  EXPECT_EQ(v->source, "default");
  EXPECT_EQ(s.Value("x", kOption), "fast");
}

TEST_F(EngineSettingsTest, FlagBeatsEnvironmentBeatsFileAndEachSaysWhere) {
  std::ofstream(path_) << "x:\n  url: from-file\n  mode: slow\n";
  EngineSettings s;
  s.LoadFile(path_);
  EXPECT_EQ(s.Get("x", kUrl)->source, path_ + ": x.url");
  EXPECT_EQ(s.Value("x", kOption), "slow");
  s.environment["FRESHBENCH_X"] = "from-env";
  EXPECT_EQ(s.Get("x", kUrl)->value, "from-env");
  EXPECT_EQ(s.Get("x", kUrl)->source, "FRESHBENCH_X");
  s.flags["x.url"] = "from-flag";
  EXPECT_EQ(s.Get("x", kUrl)->value, "from-flag");
  EXPECT_EQ(s.Get("x", kUrl)->source, "-E x.url");
  // Another engine's entries are not this one's.
  EXPECT_EQ(s.Value("y", kOption), "fast");
}

TEST_F(EngineSettingsTest, AnUnreadableFileIsAnErrorNamingIt) {
  for (const char* text : {"x: [a, b]\n", "x: {{{\n", "- a list\n", "x:\n  url: [1]\n"}) {
    std::ofstream(path_) << text;
    EngineSettings s;
    s.LoadFile(path_);
    auto v = s.Get("x", kUrl);
    ASSERT_FALSE(v.ok()) << text;
    EXPECT_EQ(v.status().code(), Status::Code::kInvalidArgument) << text;
    EXPECT_NE(v.status().message().find(path_), std::string::npos) << text;
    s.flags["x.url"] = "flag";  // a flag needs no file
    EXPECT_EQ(s.Get("x", kUrl)->value, "flag");
  }
  EngineSettings missing;
  missing.LoadFile(path_ + ".absent");
  EXPECT_TRUE(missing.Get("x", kUrl).ok());
}

TEST_F(EngineSettingsTest, FromEnvironmentReadsTheConfigFileItNames) {
  std::ofstream(path_) << "x: from-named-file\n";
  setenv("FRESHBENCH_CONFIG", path_.c_str(), 1);
  setenv("FRESHBENCH_X", "env", 1);
  const EngineSettings s = EngineSettings::FromEnvironment("/nonexistent-home", 7);
  unsetenv("FRESHBENCH_CONFIG");
  unsetenv("FRESHBENCH_X");
  EXPECT_EQ(s.config_path, path_);
  EXPECT_EQ(s.port_offset, 7);
  EXPECT_EQ(s.Value("x", kUrl), "env");
  EXPECT_EQ(s.file.at("x"), "from-named-file");
}

}  // namespace
}  // namespace freshbench
