// Status and Result<T>: the one way expected failures travel in freshbench.
//
// A Status is ok() or carries a code and a one-line message a user can act
// on (it is printed as is on stderr). Result<T> is a value or a non-ok
// Status. Exceptions are kept for fatal start-up errors; asserts for
// programmer errors only.
//
// Thread safety: plain values; safe to copy between threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace freshbench {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad user input: exit 2
    kNotFound,
    kUnavailable,      // a server or process cannot be reached
    kTimeout,
    kServerError,      // the engine answered with an error of its own
    kIoError,
    kInternal,
    kCancelled,        // interrupted by a signal or the caller's cancel flag
    kNotReady,         // the engine cannot answer yet, for a known passing
                       // reason (a lake table before its first snapshot)
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }
  static Status Timeout(std::string msg) { return Status(Code::kTimeout, std::move(msg)); }
  static Status ServerError(std::string msg) { return Status(Code::kServerError, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }
  static Status Cancelled(std::string msg) { return Status(Code::kCancelled, std::move(msg)); }
  static Status NotReady(std::string msg) { return Status(Code::kNotReady, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? "ok" : message_; }

  // Prefixes the message with context ("setting up p1: " + message).
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

  // The process exit code this status maps to (see ExitCode in cli).
  int ExitCode() const {
    if (ok()) return 0;
    return code_ == Code::kInvalidArgument ? 2 : 1;
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value of type T or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {          // NOLINT: implicit by design
    assert(!status_.ok() && "Result built from an ok Status has no value");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok()
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace freshbench

// Returns early from the enclosing function if `expr` is not ok.
#define FB_RETURN_IF_ERROR(expr)            \
  do {                                      \
    ::freshbench::Status _st = (expr);      \
    if (!_st.ok()) return _st;              \
  } while (0)
