#include "report/results_writer.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace freshbench {

struct ResultsWriter::File {
  std::FILE* f = nullptr;
  ~File() {
    if (f != nullptr) std::fclose(f);
  }
};

std::string MakeRunId(int64_t epoch_ms) {
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

Status WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
    out << text;
    if (!out.flush()) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError("cannot rename " + tmp + ": " + ec.message());
  return Status::Ok();
}

ResultsWriter::ResultsWriter(std::string dir) : dir_(std::move(dir)) {}
ResultsWriter::~ResultsWriter() = default;

Result<std::unique_ptr<ResultsWriter>> ResultsWriter::Create(const std::string& root,
                                                             const std::string& run_id) {
  const std::string dir = (std::filesystem::path(root) / run_id).string();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create results folder " + dir + ": " + ec.message());
  std::unique_ptr<ResultsWriter> w(new ResultsWriter(dir));
  auto open = [&](const char* name, std::unique_ptr<File>* out) -> Status {
    auto file = std::make_unique<File>();
    const std::string path = dir + "/" + name;
    file->f = std::fopen(path.c_str(), "a");
    if (file->f == nullptr) {
      return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
    }
    *out = std::move(file);
    return Status::Ok();
  };
  FB_RETURN_IF_ERROR(open(kSamplesFile, &w->samples_));
  FB_RETURN_IF_ERROR(open(kMarkersFile, &w->markers_));
  FB_RETURN_IF_ERROR(open(kGeneratorFile, &w->generator_));
  FB_RETURN_IF_ERROR(open(kPhasesFile, &w->phases_));
  FB_RETURN_IF_ERROR(open(kFootprintFile, &w->footprint_));
  FB_RETURN_IF_ERROR(open(kCompletenessFile, &w->completeness_));
  return w;
}

Status ResultsWriter::WriteRunInfo(const RunInfo& info) {
  nlohmann::json j = info;
  std::lock_guard<std::mutex> lock(mu_);
  return WriteFileAtomically(dir_ + "/" + kRunInfoFile, j.dump(2) + "\n");
}

void ResultsWriter::SetStep(std::optional<int> step) {
  std::lock_guard<std::mutex> lock(mu_);
  step_ = step;
}

void ResultsWriter::WriteLine(File& f, const nlohmann::json& j) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string line;
  if (step_) {
    nlohmann::json tagged = j;
    tagged["step"] = *step_;
    line = tagged.dump() + "\n";
  } else {
    line = j.dump() + "\n";
  }
  std::fwrite(line.data(), 1, line.size(), f.f);
  std::fflush(f.f);
}

void ResultsWriter::Append(const QuerySample& s, const std::string& phase) {
  nlohmann::json j = s;
  j["phase"] = phase;
  WriteLine(*samples_, j);
}
void ResultsWriter::Append(const MarkerSample& s) { WriteLine(*markers_, s); }
void ResultsWriter::Append(const GeneratorSample& s) { WriteLine(*generator_, s); }
void ResultsWriter::Append(const PhaseEvent& e) { WriteLine(*phases_, e); }
void ResultsWriter::Append(const FootprintSample& s) { WriteLine(*footprint_, s); }
void ResultsWriter::Append(const CompletenessRecord& r) { WriteLine(*completeness_, r); }

}  // namespace freshbench
