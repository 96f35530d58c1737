// The fixed table of process exit codes (README "Exit codes").
#pragma once

namespace freshbench {

inline constexpr int kExitOk = 0;       // everything asked for was done
inline constexpr int kExitFailed = 1;   // a run, a query or a delivery failed
inline constexpr int kExitUsage = 2;    // bad flags, knobs or input
inline constexpr int kExitInterrupted = 130;  // SIGINT before anything finished

}  // namespace freshbench
