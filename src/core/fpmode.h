/* The floating-point mode every thread that computes runs in: subnormal numbers are
 * flushed to zero, as inputs (DAZ) and as results (FTZ).
 *
 * Why: on some x86 CPUs (Intel Xeons among them) each arithmetic operation that reads or
 * produces a subnormal float takes a microcode assist of about a hundred cycles. A GPT
 * run whose activations or optimizer state drift into the subnormal range then ran 10 to
 * 20 times slower there than on AMD Zen, which has no such penalty; flushed, it runs at
 * the same speed everywhere. Both flags are part of SSE on every x86-64 CPU and FZ of
 * FPCR on AArch64 does the same, so the bits stay the same on every CPU. Only runs that
 * produce subnormals (magnitudes below 1.2e-38) compute anything different from IEEE
 * arithmetic, and accelerators flush them too. */
#ifndef DESCENT_CORE_FPMODE_H
#define DESCENT_CORE_FPMODE_H

#include <stdbool.h>

/* Sets the calling thread's mode. pool_init calls it, and its workers inherit the mode. */
void fpmode_flush_subnormals(void);
/* Whether the calling thread flushes subnormals (what a test checks). */
bool fpmode_flushes_subnormals(void);

#endif
