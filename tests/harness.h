/* The shared test harness: one PASS:/FAIL: line per check, the first few mismatches
 * and the largest difference on failure, and the exit status as the summary
 * (0 all passed, 1 a check failed). Header-only so each test is one file. */
#ifndef DESCENT_TESTS_HARNESS_H
#define DESCENT_TESTS_HARNESS_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static int th_passed, th_failed;

static inline int th_check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int th_check(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s: ", ok ? "PASS" : "FAIL");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    if (ok) th_passed++;
    else th_failed++;
    return ok;
}

#define CHECK_TRUE(cond, ...) th_check(!!(cond), __VA_ARGS__)

/* Compares got against want elementwise: |got − want| <= atol + rtol·|want|.
 * Prints one line; on failure the first 5 mismatches and the max difference. */
static inline int th_close(const char *what, const float *got, const double *want, long n,
                           double atol, double rtol)
{
    double maxdiff = 0;
    long bad = 0;
    for (long i = 0; i < n; i++) {
        double d = fabs((double)got[i] - want[i]);
        if (!(d <= maxdiff)) maxdiff = d; /* NaN sticks */
        if (!(d <= atol + rtol * fabs(want[i]))) {
            if (bad < 5)
                printf("    %s[%ld]: got %.9g want %.9g diff %.3g\n", what, i, (double)got[i],
                       want[i], d);
            bad++;
        }
    }
    return th_check(bad == 0, "%s: %ld values, max diff %.3g (atol %.1g, rtol %.1g)%s", what, n,
                    maxdiff, atol, rtol, bad ? ", mismatches" : "");
}

/* Same for two double arrays. */
static inline int th_close_d(const char *what, const double *got, const double *want, long n,
                             double atol, double rtol)
{
    double maxdiff = 0;
    long bad = 0;
    for (long i = 0; i < n; i++) {
        double d = fabs(got[i] - want[i]);
        if (!(d <= maxdiff)) maxdiff = d;
        if (!(d <= atol + rtol * fabs(want[i]))) {
            if (bad < 5)
                printf("    %s[%ld]: got %.12g want %.12g diff %.3g\n", what, i, got[i], want[i], d);
            bad++;
        }
    }
    return th_check(bad == 0, "%s: %ld values, max diff %.3g (atol %.1g, rtol %.1g)%s", what, n,
                    maxdiff, atol, rtol, bad ? ", mismatches" : "");
}

/* Prints "N passed, M failed" and returns the exit status. */
static inline int th_done(void)
{
    printf("%d passed, %d failed\n", th_passed, th_failed);
    return th_failed ? 1 : 0;
}

#endif
