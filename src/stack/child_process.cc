#include "stack/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "stack/process_control.h"

extern char** environ;

namespace freshbench::stack {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

std::vector<std::string> MergedEnvironment(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq == std::string::npos) continue;
    env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : overrides) env[k] = v;
  std::vector<std::string> out;
  out.reserve(env.size());
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Closes every descriptor >= 3 except `keep`.
void CloseInheritedFds(int keep) {
  if (keep > 3) close_range(3, keep - 1, 0);
  close_range(keep + 1, ~0U, 0);
}

int DecodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

Result<ChildProcess> ChildProcess::Spawn(const ProcessSpec& spec) {
  if (spec.argv.empty()) return Status::Internal("ProcessSpec without a program");
  if (spec.log_path.empty()) return Status::Internal("ProcessSpec without a log file");
  int log_fd = open(spec.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return Status::IoError("cannot open log file " + spec.log_path + ": " + std::strerror(errno));
  }
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  // The child reports a failed exec through this pipe; a successful exec
  // closes it (O_CLOEXEC), so EOF means the program runs.
  int err_pipe[2];
  if (null_fd < 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    int e = errno;
    close(log_fd);
    if (null_fd >= 0) close(null_fd);
    return Status::IoError(std::string("cannot set up child process: ") + std::strerror(e));
  }

  // Everything the child needs is built before fork: after fork only
  // async-signal-safe calls are allowed.
  std::vector<std::string> args = spec.argv;
  std::vector<char*> argv = CStrings(args);
  std::vector<std::string> env_strings = MergedEnvironment(spec.env);
  std::vector<char*> envp = CStrings(env_strings);
  const char* cwd = spec.cwd.empty() ? nullptr : spec.cwd.c_str();

  pid_t pid = fork();
  if (pid < 0) {
    int e = errno;
    close(log_fd);
    close(null_fd);
    close(err_pipe[0]);
    close(err_pipe[1]);
    return Status::IoError(std::string("fork failed: ") + std::strerror(e));
  }
  if (pid == 0) {
    setsid();
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    CloseInheritedFds(err_pipe[1]);
    signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    int err = 0;
    if (cwd != nullptr && chdir(cwd) != 0) {
      err = errno;
    } else {
      execvpe(argv[0], argv.data(), envp.data());
      err = errno;
    }
    ssize_t ignored = write(err_pipe[1], &err, sizeof err);
    (void)ignored;
    _exit(127);
  }

  close(log_fd);
  close(null_fd);
  close(err_pipe[1]);
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(err_pipe[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close(err_pipe[0]);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    int status = 0;
    waitpid(pid, &status, 0);
    return Status::Unavailable("cannot start " + spec.argv[0] + ": " + std::strerror(child_errno));
  }
  // The process exists from fork on, so its start time is readable now.
  uint64_t ticks = ProcessStartTicks(pid).value_or(0);
  return ChildProcess(pid, ticks);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_),
      start_ticks_(other.start_ticks_),
      owned_(other.owned_),
      exit_code_(other.exit_code_) {
  other.pid_ = -1;
  other.owned_ = false;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (owned_ && pid_ > 0) Stop(milliseconds(10000));
    pid_ = other.pid_;
    start_ticks_ = other.start_ticks_;
    owned_ = other.owned_;
    exit_code_ = other.exit_code_;
    other.pid_ = -1;
    other.owned_ = false;
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (owned_ && pid_ > 0) Stop(milliseconds(10000));
}

bool ChildProcess::Running() {
  if (pid_ <= 0 || exit_code_) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_code_ = DecodeWaitStatus(status);
    return false;
  }
  if (r == 0) return true;
  // Not our child (cannot happen for a spawned process, but stay safe).
  return ProcessAlive(pid_, start_ticks_);
}

Result<int> ChildProcess::Wait(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Running()) {
    if (Clock::now() >= deadline) {
      Stop(milliseconds(2000));
      return Status::Timeout("did not finish within " + std::to_string(timeout.count() / 1000) +
                             " s");
    }
    std::this_thread::sleep_for(milliseconds(25));
  }
  return exit_code_.value_or(-1);
}

Status ChildProcess::Stop(milliseconds grace) {
  if (!Running()) return Status::Ok();
  // The child leads its own process group (setsid), so this reaches any
  // helper processes it started too.
  if (kill(-pid_, SIGTERM) != 0) kill(pid_, SIGTERM);
  auto deadline = Clock::now() + grace;
  while (Running() && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(25));
  if (!Running()) return Status::Ok();
  if (kill(-pid_, SIGKILL) != 0) kill(pid_, SIGKILL);
  deadline = Clock::now() + milliseconds(5000);
  while (Running() && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(25));
  if (Running()) return Status::Internal("process " + std::to_string(pid_) + " survived SIGKILL");
  return Status::Ok();
}

}  // namespace freshbench::stack
