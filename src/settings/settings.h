/* Settings: the one table of every key a run understands.
 *
 * The command line (`--key value`), experiment files, summary.tsv columns and run ids
 * all use these names. Each entry has a type, a default (which may differ between the
 * two models), a group and a one-line description; `descent train --help` prints the
 * table. Booleans are on/off. */
#ifndef DESCENT_SETTINGS_SETTINGS_H
#define DESCENT_SETTINGS_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/blas.h"
#include "core/choices.h"
#include "core/precision.h"
#include "core/status.h"
#include "nn/activation.h"
#include "nn/norm.h"

enum { MAX_WIDTHS = 64, STR_LEN = 512 };

typedef enum { T_INT, T_REAL, T_BOOL, T_ENUM, T_STR, T_INTLIST } SettingType;

/* Enums of the settings that no registry owns. */
typedef enum { MODEL_MLP, MODEL_GPT, MODEL_TOY } ModelKind;
typedef enum { INIT_HE, INIT_XAVIER, INIT_NORMAL, INIT_GPT2 } InitKind;
typedef enum { NORM_PRE, NORM_POST } NormPosition;

/* Their names ("mlp", "gpt", "toy"; "he", …; "pre", "post"), NULL past the last. */
const char *model_kind_name(int m);
const char *init_kind_name(int i);
const char *norm_position_name(int p);

/* X(type, field, group, default for mlp, default for gpt (NULL: same), choices, help)
 * For T_ENUM, choices is (C type of the field, ChoiceName function): the parser turns
 * the name into its index, which is the enum's value (or a registry's entry: optimizer,
 * schedule, landscape), and formatting writes the name back. The choices come from the
 * registry or the enum's own name list, so help, parser and registry cannot disagree. */
#define SETTINGS_TABLE(X)                                                                          \
    X(T_ENUM, model, "run", "mlp", NULL, (ModelKind, model_kind_name),                             \
      "model to train (toy: a loss landscape, defaults data none, sgd, constant lr, no decay)")   \
    X(T_STR, data, "run", "fashion", "markov", NULL,                                               \
      "dataset: fashion, spirals, markov, kjv or text:PATH (none for model toy)")                 \
    X(T_STR, fashion_dir, "run", "/usr/share/datasets/fashion-mnist", NULL, NULL,                  \
      "folder holding the four Fashion-MNIST IDX .gz files")                                       \
    X(T_INT, seed, "run", "1", NULL, NULL, "run seed: every random stream derives from it")         \
    X(T_INT, steps, "run", "0", "1000", NULL, "optimizer steps (0: use epochs)")                  \
    X(T_INT, epochs, "run", "10", "0", NULL, "passes over the training set when steps is 0")       \
    X(T_INT, batch, "run", "128", "16", NULL, "examples (sequences) per micro-batch")             \
    X(T_INT, accum, "run", "1", NULL, NULL, "micro-batches accumulated per optimizer step")       \
    X(T_INT, eval_every, "run", "0", NULL, NULL, "steps between evaluations (0: 20 per run)")     \
    X(T_INT, train_every, "run", "0", NULL, NULL,                                                  \
      "steps between training-loss rows of curve.tsv between evaluations (0: none)")              \
    X(T_INT, train_subset, "run", "0", NULL, NULL,                                                 \
      "train on the first N training examples (fashion) or characters (kjv, text) only (0: all)")  \
    X(T_REAL, flop_budget, "run", "0", NULL, NULL,                                                 \
      "train floor(budget / executed FLOPs of a step) steps, in place of steps and epochs (0: off)") \
    X(T_INT, noise_every, "run", "0", NULL, NULL,                                                  \
      "evaluations between gradient-noise measurements (0: never; 1: at every evaluation)")       \
    X(T_INT, noise_small, "run", "0", NULL, NULL,                                                  \
      "gradient noise: the small batch B_small (0: the run's batch; at most batch)")             \
    X(T_INT, noise_big, "run", "0", NULL, NULL,                                                    \
      "gradient noise: the big batch B_big, a multiple of B_small (0: 16 B_small)")              \
    X(T_BOOL, noise_full, "run", "off", NULL, NULL,                                                \
      "gradient noise: also the full-batch gradient, to hold the big batch's mean against (fashion, spirals)") \
    X(T_INT, patience, "run", "0", NULL, NULL,                                                     \
      "stop after this many evaluations without a better val loss (0: never)")                    \
    X(T_REAL, target_loss, "run", "0", NULL, NULL,                                                 \
      "stop at the first evaluation whose val loss is at or below this (0: never)")              \
    X(T_REAL, diverge_factor, "run", "4", NULL, NULL,                                              \
      "a train loss above this times the initial loss counts as diverged")                         \
    X(T_INT, fault_at_step, "run", "0", NULL, NULL, "testing only: abort at this step (0: never)")   \
    X(T_ENUM, blas, "run", "pinned", NULL, (BlasKernels, blas_kernels_name),                       \
      "OpenBLAS kernels: pinned (Haswell: the same bits on any AVX2+FMA CPU) or native (its own pick)") \
    X(T_ENUM, optimizer, "optimizer", "adamw", NULL, (int, opt_type_name),                         \
      "update rule")                                                                               \
    X(T_REAL, lr, "optimizer", "1e-3", NULL, NULL, "peak learning rate")                           \
    X(T_REAL, momentum, "optimizer", "0.9", NULL, NULL, "momentum coefficient (momentum, nesterov)") \
    X(T_REAL, beta1, "optimizer", "0.9", NULL, NULL, "first-moment decay (adam, adamw, lion)")      \
    X(T_REAL, beta2, "optimizer", "0.999", "0.95", NULL, "second-moment decay (adam, adamw, lion)") \
    X(T_REAL, eps, "optimizer", "1e-8", NULL, NULL, "denominator epsilon (adam, adamw)")           \
    X(T_REAL, weight_decay, "optimizer", "0.01", "0.1", NULL,                                      \
      "weight decay (L2 in the gradient for sgd/momentum/nesterov/adam; decoupled for adamw/lion)") \
    X(T_REAL, shampoo_beta, "optimizer", "1", NULL, NULL,                                          \
      "shampoo: decay of the statistics L and R (1: sums, as the paper)")                         \
    X(T_REAL, shampoo_eps, "optimizer", "1e-12", NULL, NULL,                                       \
      "shampoo: damping added to the statistics' eigenvalues")                                     \
    X(T_INT, precondition_every, "optimizer", "10", NULL, NULL,                                    \
      "shampoo: steps between inverse-root computations")                                          \
    X(T_INT, block_size, "optimizer", "128", NULL, NULL, "shampoo: largest side of a preconditioned block") \
    X(T_ENUM, graft, "optimizer", "adam", NULL, (int, graft_name), "shampoo: whose step length it takes") \
    X(T_INT, ns_steps, "optimizer", "5", NULL, NULL, "muon: Newton-Schulz iterations")               \
    X(T_REAL, adam_lr_ratio, "optimizer", "0.1", NULL, NULL,                                       \
      "muon: lr of its AdamW tensors (embeddings, head, first and last layers, vectors) over lr")  \
    X(T_REAL, clip, "optimizer", "0", "1", NULL, "clip the global gradient norm at this (0: off)") \
    X(T_ENUM, schedule, "schedule", "cosine", NULL, (int, schedule_type_name),                     \
      "learning-rate shape after warmup")                                                          \
    X(T_INT, warmup, "schedule", "0", "100", NULL, "steps of linear warmup from 0 to the peak")     \
    X(T_REAL, lr_floor, "schedule", "0.01", "0.1", NULL,                                          \
      "final learning rate as a fraction of the peak (cosine, wsd)")                              \
    X(T_INT, step_every, "schedule", "0", NULL, NULL,                                              \
      "step: steps between decays (0: a third of the run)")                                        \
    X(T_REAL, step_gamma, "schedule", "0.1", NULL, NULL, "step: factor applied at each decay")     \
    X(T_REAL, decay_frac, "schedule", "0.2", NULL, NULL, "wsd: fraction of the run spent decaying") \
    X(T_INT, inputs, "mlp", "0", NULL, NULL, "input features (0: from the data, which any other value must equal)")                  \
    X(T_INTLIST, widths, "mlp", "256,128", NULL, NULL, "hidden layer widths, comma-separated")      \
    X(T_INT, depth, "mlp", "0", NULL, NULL,                                                        \
      "hidden layers of width units each, written into widths (0: widths gives them)")            \
    X(T_INT, classes, "mlp", "0", NULL, NULL, "output classes (0: from the data, which any other value must equal)")                 \
    X(T_ENUM, act, "model", "relu", "gelu", (Act, act_name), "hidden activation")                  \
    X(T_ENUM, init, "model", "he", "gpt2", (InitKind, init_kind_name),                             \
      "weight initialisation (normal: N(0, init_std^2); gpt2: N(0, 0.02^2), scaled projections)") \
    X(T_REAL, init_std, "model", "1", NULL, NULL, "standard deviation for init=normal")            \
    X(T_BOOL, residual, "model", "off", "on", NULL,                                                \
      "residual connections (mlp: around equal-width hidden layers)")                              \
    X(T_ENUM, norm, "model", "none", "layer", (NormKind, norm_name), "normalisation layers")       \
    X(T_ENUM, norm_position, "model", "pre", NULL, (NormPosition, norm_position_name),             \
      "normalise before or after a block")                                                         \
    X(T_REAL, dropout, "model", "0", NULL, NULL, "dropout probability after hidden activations")   \
    X(T_INT, activation_checkpoint, "model", "0", NULL, NULL,                                      \
      "keep only every N-th block's (mlp: layer's) input, recompute the rest in backward (0: off)") \
    X(T_INT, spirals_classes, "data", "3", NULL, NULL, "spirals: number of arms (classes)")        \
    X(T_INT, spirals_points, "data", "1000", NULL, NULL, "spirals: training points per class")     \
    X(T_REAL, spirals_noise, "data", "0.05", NULL, NULL, "spirals: standard deviation of the noise") \
    X(T_INT, layers, "gpt", "2", NULL, NULL, "transformer blocks")                                  \
    X(T_INT, width, "gpt", "64", NULL, NULL, "channels C (mlp: units per hidden layer with depth)") \
    X(T_INT, heads, "gpt", "4", NULL, NULL, "attention heads H (must divide width)")               \
    X(T_INT, context, "gpt", "64", NULL, NULL, "context length T")                                 \
    X(T_INT, vocab, "gpt", "0", NULL, NULL, "vocabulary size (0: the data's; with data, must equal it)")    \
    X(T_BOOL, tie_embeddings, "gpt", "off", NULL, NULL, "share wte with the LM head")              \
    X(T_INT, markov_order, "gpt", "2", NULL, NULL, "markov: order k of the source")               \
    X(T_INT, markov_alphabet, "gpt", "16", NULL, NULL, "markov: alphabet size A")                   \
    X(T_REAL, markov_alpha, "gpt", "0.2", NULL, NULL, "markov: Dirichlet concentration of rows")   \
    X(T_INT, val_tokens, "gpt", "32768", NULL, NULL, "text: tokens in the fixed validation windows") \
    X(T_ENUM, precision, "precision", "fp32", NULL, (Precision, precision_name),                   \
      "number format of matmul inputs/outputs; bf16-pure also stores the weights in bf16")          \
    X(T_ENUM, rounding, "precision", "nearest", NULL, (Rounding, rounding_name),                   \
      "bf16-pure: how updated weights are rounded back to bf16")                                    \
    X(T_STR, loss_scale, "precision", "none", NULL, NULL,                                          \
      "multiply the loss before backward: none, a number, or dynamic (GradScaler's rules)")         \
    X(T_REAL, loss_multiplier, "precision", "1", NULL, NULL,                                       \
      "backward differentiates this times the loss; divided out in fp32 before the update (C19)") \
    X(T_ENUM, landscape, "toy", "parabola", NULL, (int, landscape_name),                           \
      "toy: the loss landscape (src/toys)")                                                        \
    X(T_REAL, w0, "toy", "4", NULL, NULL, "toy: starting point (first coordinate)")                 \
    X(T_REAL, w0_2, "toy", "1", NULL, NULL, "toy: starting point, second coordinate (2-D landscapes)") \
    X(T_REAL, kappa, "toy", "1", NULL, NULL, "toy bowl: condition number (curvatures 1 and 1/kappa)")  \
    X(T_REAL, rotation, "toy", "0", NULL, NULL, "toy bowl: angle of its axes to the coordinates, degrees") \
    X(T_REAL, tolerance, "toy", "0", NULL, NULL,                                                   \
      "toy: stop within this distance of the minimum (0: run every step)")                          \
    X(T_INT, starts, "toy", "0", NULL, NULL,                                                       \
      "toy: descents from this many starts drawn from the seed (0: the one start w0, w0_2)")        \
    X(T_REAL, start_spread, "toy", "1", NULL, NULL,                                                \
      "toy: starts are w0 + U(-start_spread, start_spread) in the first coordinate, w0_2 in the second") \
    X(T_REAL, toy_noise, "toy", "0", NULL, NULL,                                                   \
      "toy: std of Gaussian noise added to each gradient component, times the schedule's factor")

#define SETTINGS_ENUM_CTYPE(ctype, names) ctype
#define SETTINGS_ENUM_NAMES(ctype, names) names
#define SETTINGS_FIELD_T_INT(f, ch) int f;
#define SETTINGS_FIELD_T_REAL(f, ch) double f;
#define SETTINGS_FIELD_T_BOOL(f, ch) bool f;
#define SETTINGS_FIELD_T_ENUM(f, ch) SETTINGS_ENUM_CTYPE ch f;
#define SETTINGS_FIELD_T_STR(f, ch) char f[STR_LEN];
#define SETTINGS_FIELD_T_INTLIST(f, ch) int f[MAX_WIDTHS]; int n_##f;
#define SETTINGS_FIELD(type, f, group, dm, dg, choices, help) SETTINGS_FIELD_##type(f, choices)

typedef struct {
    SETTINGS_TABLE(SETTINGS_FIELD)
} Settings;

typedef struct {
    SettingType type;
    const char *name, *group, *def_mlp, *def_gpt;
    ChoiceName choices; /* T_ENUM: the names of its values; NULL otherwise */
    const char *help;
    size_t offset;
} SettingSpec;

extern const SettingSpec setting_specs[];
extern const int n_setting_specs;

const SettingSpec *setting_find(const char *key);
/* The known key closest to `key` (edit distance), for "did you mean" messages. */
const char *setting_suggest(const char *key);

/* Every field at its default for `model` (toy: see the model setting's help). */
void settings_defaults(Settings *s, ModelKind model);
/* Parses and stores one value. On error records "key: what" (the caller prefixes where). */
Status settings_set(Settings *s, const char *key, const char *value);
/* Canonical text of a value: shortest round-trip numbers, on/off, a,b,c lists. */
void settings_format(const Settings *s, const SettingSpec *spec, char *out, size_t cap);
/* Checks that the values fit together (e.g. heads divides width). */
Status settings_validate(const Settings *s);
/* Whether a key says where an input lives rather than what it is (fashion_dir): such
 * keys are no part of a run's identity, so a dataset moved elsewhere finds its runs. */
bool setting_is_location(const char *key);
/* The identity of the data a run reads: its name (fashion, kjv, markov, ...), or for
 * text:PATH "text:" and the 16-hex-digit hash of the file's content, the same wherever
 * the file lives. Reads the file: ST_IO if it cannot. */
Status settings_data_identity(const char *data, char *out, size_t cap);
/* A run's identity: "key=value" lines (canonical values, sorted by key) of `model` and
 * of every other setting whose value differs from that model's default, locations left
 * out and `data` given as data_id (settings_data_identity of s->data). A setting added
 * with a default that keeps today's behaviour changes no identity. Returns the length
 * (the text is cut at cap - 1 if longer, like snprintf). */
size_t settings_identity(const Settings *s, const char *data_id, char *out, size_t cap);
/* The run id (12 hex digits + NUL): a hash of the identity, given the data identity.
 * Callers that make many ids compute data_id once per data value (a text file is read
 * for it). */
void settings_run_id_with(const Settings *s, const char *data_id, char out[13]);
/* The same, reading a text:PATH file for its identity (ST_IO if it cannot). */
Status settings_run_id(const Settings *s, char out[13]);
/* Compares the settings a run recorded with s: get(ctx, key) gives a recorded value as
 * written, or NULL when the record has no such key (written before the setting
 * existed), which counts as the default of s's model. Locations are not compared, nor
 * the paths of two text:PATH corpora (the run id holds the content). Writes
 * "key recorded A, now B; ..." into out and returns the number of keys that differ. */
int settings_diff_recorded(const Settings *s, const char *(*get)(void *ctx, const char *key), void *ctx,
                           char *out, size_t cap);

/* A list of key=value pairs, collected before defaults can be applied (the model's
 * value chooses the defaults of the others). */
typedef struct {
    int n;
    struct { char key[64]; char value[STR_LEN]; char where[256]; } item[128];
} SettingPairs;

/* Adds a pair; `where` is prefixed to error messages (e.g. "x.ini:12"; "" for none). */
Status pairs_add(SettingPairs *p, const char *key, const char *value, const char *where);
/* "KEY=VALUE" (a benchmark's baseline, bench --baseline) into key (cap bytes) and
 * *value, the text after the first '='; false when either part is empty or the key does
 * not fit. Says nothing of whether KEY is a setting. */
bool setting_pair_split(const char *kv, char *key, size_t cap, const char **value);
/* Defaults for the model the pairs name, then each pair in order, then validation. */
Status settings_from_pairs(Settings *s, const SettingPairs *p);

/* A count as the user writes it: decimal digits only (no sign, blank or exponent),
 * in [lo, hi]. The one strict integer reader for lists, options and file metadata. */
bool parse_count(const char *v, long lo, long hi, long *out);

/* The choices of an enum setting as "a|b|c". */
void settings_choices(const SettingSpec *spec, char *out, size_t cap);

/* Writes the table for --help. */
void settings_print_help(FILE *f);

#endif
