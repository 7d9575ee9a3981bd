#!/bin/sh
# can_fuzz.sh [CC]: exit 0 when CC (default clang) can link a libFuzzer target.
cc=${1:-clang}
command -v "$cc" >/dev/null 2>&1 || exit 1
t=$(mktemp -d) || exit 1
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$t/t.c"
"$cc" -fsanitize=fuzzer,address,undefined -o "$t/t" "$t/t.c" >/dev/null 2>&1
rc=$?
rm -rf "$t"
exit $rc
