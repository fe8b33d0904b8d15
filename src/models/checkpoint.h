/* Checkpoints: a model's parameter table as a safetensors file, one tensor per
 * ParamSpec under its name, with every setting and the data-given shape in the
 * metadata so that the file alone rebuilds the model. */
#ifndef DESCENT_MODELS_CHECKPOINT_H
#define DESCENT_MODELS_CHECKPOINT_H

#include "core/status.h"
#include "models/model.h"
#include "settings/settings.h"

/* Metadata keys: every setting under its own name, plus "inputs", "classes" and, for
 * text models, "charset" (hex of the byte of each token id). */
Status checkpoint_save(const char *path, const Model *m, const Settings *s, const DataShape *shape);
/* Rebuilds settings, shape and model from a checkpoint and loads the weights. */
Status checkpoint_load(const char *path, Model **m, Settings *s, DataShape *shape);

#endif
