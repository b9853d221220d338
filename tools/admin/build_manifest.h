// The build manifest of a CMVP package: what this craton-hsm-admin build was compiled with
// (compiler, build type, flags, test hooks; fixed at configure time) and the installed Debian
// version of each build dependency (cmake/manifest_packages.txt, the list scripts/release uses).
#pragma once

#include <string>

namespace craton::admin {

// module_sha256: of the module file packaged with it, "" when none was given.
std::string build_manifest(const std::string& module_sha256);

}  // namespace craton::admin
