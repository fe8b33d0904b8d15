/* Fixed thread pool: a generation counter starts a batch of tasks, an atomic counter
 * hands them out, and the caller waits until every task finished. A training step
 * starts a few dozen short batches, so both sides spin briefly on the counters before
 * they sleep on a condition variable: a futex wake-up costs more than most batches. */
#include "core/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/check.h"
#include "core/fpmode.h"

enum { MAX_THREADS = 64, SPINS = 4000 };

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static struct {
    int nthreads;
    pthread_t workers[MAX_THREADS];
    pthread_mutex_t mu;
    pthread_cond_t start, done;
    atomic_ulong generation;
    atomic_int busy; /* workers still inside the current batch */
    atomic_int stopping;
    PoolTask fn;
    void *ctx;
    int ntasks;
    atomic_int next;
} pool = {.nthreads = 1, .mu = PTHREAD_MUTEX_INITIALIZER,
          .start = PTHREAD_COND_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

/* Set while a thread runs tasks: a pool_run from inside a task (say mm() called by an
 * attention task) runs its tasks inline instead of deadlocking on the busy pool. */
static _Thread_local int in_task;
/* 0 for the caller's thread, 1..nthreads-1 for the workers. */
static _Thread_local int thread_index;

int pool_thread_index(void) { return thread_index; }

static void drain(void)
{
    in_task = 1;
    for (int i; (i = atomic_fetch_add(&pool.next, 1)) < pool.ntasks;) pool.fn(pool.ctx, i);
    in_task = 0;
}

static void *worker(void *arg)
{
    thread_index = (int)(intptr_t)arg;
    unsigned long seen = 0;
    for (;;) {
        for (int i = 0; i < SPINS && atomic_load(&pool.generation) == seen &&
                        !atomic_load(&pool.stopping); i++)
            cpu_relax();
        pthread_mutex_lock(&pool.mu);
        while (atomic_load(&pool.generation) == seen && !atomic_load(&pool.stopping))
            pthread_cond_wait(&pool.start, &pool.mu);
        pthread_mutex_unlock(&pool.mu);
        if (atomic_load(&pool.stopping)) break;
        seen = atomic_load(&pool.generation);
        drain();
        if (atomic_fetch_sub(&pool.busy, 1) == 1) {
            pthread_mutex_lock(&pool.mu);
            pthread_cond_signal(&pool.done);
            pthread_mutex_unlock(&pool.mu);
        }
    }
    return NULL;
}

int pool_default_threads(void)
{
    const char *names[] = {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"};
    for (int i = 0; i < 2; i++) {
        const char *v = getenv(names[i]);
        if (v && atoi(v) > 0) return atoi(v);
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

void pool_shutdown(void)
{
    pthread_mutex_lock(&pool.mu);
    atomic_store(&pool.stopping, 1);
    pthread_cond_broadcast(&pool.start);
    pthread_mutex_unlock(&pool.mu);
    for (int i = 1; i < pool.nthreads; i++) pthread_join(pool.workers[i], NULL);
    atomic_store(&pool.stopping, 0);
    pool.nthreads = 1;
    /* New workers start with seen = 0: a stale generation would make each of them run
     * an empty batch at once and decrement busy below zero. */
    atomic_store(&pool.generation, 0);
}

int pool_init(int nthreads)
{
    fpmode_flush_subnormals(); /* workers inherit it: pthread_create copies the mode */
    if (nthreads <= 0) nthreads = pool_default_threads();
    if (nthreads > MAX_THREADS) nthreads = MAX_THREADS;
    if (pool.nthreads > 1) pool_shutdown();
    pool.nthreads = 1;
    for (int i = 1; i < nthreads; i++) {
        if (pthread_create(&pool.workers[i], NULL, worker, (void *)(intptr_t)i) != 0) break;
        pool.nthreads++;
    }
    return pool.nthreads;
}

int pool_threads(void) { return pool.nthreads; }

void pool_run(int ntasks, PoolTask fn, void *ctx)
{
    if (pool.nthreads == 1 || ntasks <= 1 || in_task) {
        for (int i = 0; i < ntasks; i++) fn(ctx, i);
        return;
    }
    CHECK(atomic_load(&pool.busy) == 0); /* pool_run is not reentrant */
    pool.fn = fn;
    pool.ctx = ctx;
    pool.ntasks = ntasks;
    atomic_store(&pool.next, 0);
    atomic_store(&pool.busy, pool.nthreads - 1);
    pthread_mutex_lock(&pool.mu);
    atomic_fetch_add(&pool.generation, 1); /* publishes the fields above */
    pthread_cond_broadcast(&pool.start);
    pthread_mutex_unlock(&pool.mu);
    drain();
    for (int i = 0; i < SPINS && atomic_load(&pool.busy) > 0; i++) cpu_relax();
    if (atomic_load(&pool.busy) > 0) {
        pthread_mutex_lock(&pool.mu);
        while (atomic_load(&pool.busy) > 0) pthread_cond_wait(&pool.done, &pool.mu);
        pthread_mutex_unlock(&pool.mu);
    }
}
