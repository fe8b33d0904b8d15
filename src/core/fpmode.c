/* Subnormals flushed to zero: MXCSR's FTZ (bit 15) and DAZ (bit 6) on x86-64, FPCR's FZ
 * (bit 24) on AArch64. See fpmode.h for why. */
#include "core/fpmode.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

enum { MXCSR_DAZ = 1u << 6, MXCSR_FTZ = 1u << 15 };

void fpmode_flush_subnormals(void) { _mm_setcsr(_mm_getcsr() | MXCSR_DAZ | MXCSR_FTZ); }

bool fpmode_flushes_subnormals(void)
{
    return (_mm_getcsr() & (MXCSR_DAZ | MXCSR_FTZ)) == (MXCSR_DAZ | MXCSR_FTZ);
}

#elif defined(__aarch64__)
#include <stdint.h>

enum { FPCR_FZ = 1u << 24 };

void fpmode_flush_subnormals(void)
{
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    __asm__ volatile("msr fpcr, %0" : : "r"(fpcr | FPCR_FZ));
}

bool fpmode_flushes_subnormals(void)
{
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    return (fpcr & FPCR_FZ) != 0;
}

#else
#error "descent needs a CPU whose subnormal flushing it knows how to set (x86-64 or AArch64)"
#endif
