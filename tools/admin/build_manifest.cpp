#include "build_manifest.h"

#include <cstdio>
#include <sstream>

#include "build_info_values.h"

namespace craton::admin {
namespace {

// dpkg-query's answer for one package. The names come from the compiled-in list above (letters,
// digits, '+', '-', '.'), never from input, so building the command line is safe.
std::string debian_version(const std::string& package) {
    const std::string cmd = "dpkg-query -W -f='${Version}' " + package + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) return "(dpkg-query unavailable)";
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    const int status = pclose(p);
    return status == 0 && !out.empty() ? out : "not-installed";
}

}  // namespace

std::string build_manifest(const std::string& module_sha256) {
    std::ostringstream m;
    m << "module_sha256: " << (module_sha256.empty() ? "(no module given)" : module_sha256) << "\n"
      << "version: " << CRATON_VERSION << "\n"
      << "compiler: " << CRATON_BUILD_COMPILER << "\n"
      << "build_type: " << CRATON_BUILD_TYPE << "\n"
      << "flags: " << CRATON_BUILD_FLAGS << "\n"
#ifdef CRATON_TEST_HOOKS
      << "test_hooks: on (not a release build)\n"
#else
      << "test_hooks: off\n"
#endif
      << "debian_packages:\n";
    std::istringstream names(CRATON_MANIFEST_PACKAGES);
    for (std::string p; names >> p;) m << "  " << p << ": " << debian_version(p) << "\n";
    return m.str();
}

}  // namespace craton::admin
