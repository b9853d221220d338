# Warnings are errors in our own code only; third-party headers come in as SYSTEM includes.
add_library(craton_warnings INTERFACE)
target_compile_options(craton_warnings INTERFACE
    -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
