/* A fixed pool of worker threads for data-parallel loops inside a training step.
 *
 * pool_run(n, fn, ctx) calls fn(ctx, i) for i in 0..n-1, spread over the pool's
 * threads (the caller is one of them), and returns when all calls are done. Which
 * thread runs task i does not matter for the result: every task writes its own
 * output, so results are identical whatever the thread count. No allocation happens
 * after pool_init(). */
#ifndef DESCENT_CORE_POOL_H
#define DESCENT_CORE_POOL_H

typedef void (*PoolTask)(void *ctx, int task);

/* Starts nthreads - 1 workers (nthreads <= 0: from the environment, see pool_default_threads).
 * Calling it again with another count restarts the pool. The caller and every worker
 * flush subnormals to zero (core/fpmode.h): all arithmetic runs in one mode. */
int pool_init(int nthreads);
int pool_threads(void);
/* Which pool thread is running: 0 for the thread that called pool_run, 1.. for workers. */
int pool_thread_index(void);
/* OPENBLAS_NUM_THREADS, else OMP_NUM_THREADS, else the number of online cores. */
int pool_default_threads(void);
/* Called from inside a task, runs the inner tasks in order on the calling thread. */
void pool_run(int ntasks, PoolTask fn, void *ctx);
void pool_shutdown(void);

#endif
