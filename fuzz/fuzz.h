/* fuzz.h - the libFuzzer entry point every fuzz/fuzz_<target>.c defines. */
#ifndef HELMC_FUZZ_H
#define HELMC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
