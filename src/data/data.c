/* data_open: the one place that maps the `data` setting to a data source. */
#include "data/data.h"

#include <string.h>

#include "data/classify.h"
#include "data/dataset.h"
#include "data/text.h"

Status data_open(Data **out, const Settings *s)
{
    *out = NULL;
    uint64_t seed = (uint64_t)(int64_t)s->seed;
    if (strcmp(s->data, "fashion") == 0 || strcmp(s->data, "spirals") == 0) {
        Splits sp = {0};
        Status st = strcmp(s->data, "fashion") == 0
                        ? fashion_load(&sp, s->fashion_dir)
                        : spirals_make(&sp, s->spirals_classes, s->spirals_points,
                                       s->spirals_noise, seed);
        if (st != ST_OK) return st;
        if (s->train_subset > 0) {
            if (strcmp(s->data, "fashion") != 0 || s->train_subset > sp.train.n) {
                int n = sp.train.n;
                splits_free(&sp);
                if (strcmp(s->data, "fashion") != 0)
                    return err_set(ST_USAGE, "train_subset: applies to fashion, kjv and text:PATH "
                                             "(spirals: set spirals_points)");
                return err_set(ST_USAGE, "train_subset: %d is more than the %d training examples",
                               s->train_subset, n);
            }
            sp.train.n = s->train_subset; /* the first N, in file order */
        }
        return classify_open(out, &sp, s->batch, seed, s->data);
    }
    if (strcmp(s->data, "markov") == 0) {
        if (s->train_subset > 0)
            return err_set(ST_USAGE, "train_subset: applies to fashion, kjv and text:PATH "
                                     "(markov: its source is unbounded)");
        return markov_open(out, s);
    }
    if (strcmp(s->data, "kjv") == 0 || strncmp(s->data, "text:", 5) == 0) return text_open(out, s);
    return err_set(ST_USAGE, "data: unknown dataset '%s' (fashion, spirals, markov, kjv or text:PATH)",
                   s->data);
}

void data_free(Data *d)
{
    if (d) d->ops->free(d);
}
